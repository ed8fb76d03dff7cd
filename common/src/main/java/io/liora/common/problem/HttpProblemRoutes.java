package io.liora.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Errors that happen before JAX-RS sees the request (no route matched, body over the size limit,
 * a failure in the HTTP layer) are answered with problem+json too.
 */
@ApplicationScoped
public class HttpProblemRoutes {

    private static final Logger LOG = Logger.getLogger(HttpProblemRoutes.class);

    private final ObjectMapper json;
    private final long maxBodyBytes;

    public HttpProblemRoutes(ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBody) {
        this.json = json;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        // Quarkus refuses a declared oversize body with a bare 413; answer it as a problem instead
        router.route().order(Integer.MIN_VALUE).handler(this::refuseDeclaredOversizeBody);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
        router.route().last().handler(ctx -> write(ctx, Problems.of(ProblemType.NOT_FOUND,
                "No route matches " + ctx.request().method() + " " + ctx.normalizedPath(),
                ctx.normalizedPath())));
    }

    private void refuseDeclaredOversizeBody(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBodyBytes) {
                    write(ctx, Problems.of(ProblemType.PAYLOAD_TOO_LARGE,
                            "The body is larger than the " + maxBodyBytes + " bytes this service accepts",
                            ctx.normalizedPath()));
                    return;
                }
            } catch (NumberFormatException e) {
                write(ctx, Problems.of(ProblemType.VALIDATION, "Content-Length is not a number",
                        ctx.normalizedPath()));
                return;
            }
        }
        ctx.next();
    }

    private void failure(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        int status = ctx.statusCode();
        ProblemType type = ProblemType.forStatus(status);
        if (type == null || status >= 500) {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(ctx.failure(), "Unexpected HTTP failure %s on %s %s", errorId,
                    ctx.request().method(), ctx.normalizedPath());
            write(ctx, Problems.of(ProblemType.INTERNAL, "Unexpected error; reference " + errorId,
                    ctx.normalizedPath()));
            return;
        }
        String detail = type == ProblemType.PAYLOAD_TOO_LARGE ? "The body is larger than this route accepts"
                : type.title();
        write(ctx, Problems.of(type, detail, ctx.normalizedPath()));
    }

    private void write(RoutingContext ctx, Problem problem) {
        try {
            ctx.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            ctx.response().setStatusCode(problem.status()).end();
        }
    }
}
