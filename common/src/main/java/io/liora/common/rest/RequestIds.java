package io.liora.common.rest;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

/**
 * Every request has an id: the caller's {@code X-Request-Id} when it is a plain token (a proxy's,
 * or the service that called us), else a new UUID. It is answered in the same header, so a tenant
 * reporting a problem and an audit record name the same request.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "liora.request-id";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request, RoutingContext routing) {
        String given = request.getHeaderString(HEADER);
        routing.put(KEY, given != null && PLAIN.matcher(given).matches() ? given : UUID.randomUUID().toString());
    }

    @ServerResponseFilter
    public void answer(ContainerResponseContext response, RoutingContext routing) {
        String id = routing.get(KEY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    /** The request's id, or {@code null} outside a request. */
    public static String of(RoutingContext routing) {
        return routing == null ? null : routing.get(KEY);
    }
}
