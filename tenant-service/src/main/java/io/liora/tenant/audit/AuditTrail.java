package io.liora.tenant.audit;

import io.liora.common.rest.RequestIds;
import io.liora.common.tenant.Caller;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Records tenant-service's own audited actions, in the transaction that makes the change (so a
 * change and its record commit together or not at all), with the caller and the request's id
 * taken from the request.
 */
@ApplicationScoped
public class AuditTrail {

    static final String SERVICE = "tenant-service";

    private final JsonWebToken jwt;
    private final CurrentVertxRequest request;

    public AuditTrail(JsonWebToken jwt, CurrentVertxRequest request) {
        this.jwt = jwt;
        this.request = request;
    }

    /** Inside the caller's transaction. {@code detail} holds facts such as a role, never a value given. */
    public Uni<Void> record(UUID clienteId, String action, String targetType, Object targetId,
            Map<String, Object> detail) {
        AuditEvent event = new AuditEvent();
        event.clienteId = clienteId;
        // outside a request (the demo seed at startup) the platform itself acts
        boolean inRequest = Arc.container().requestContext().isActive() && request.getCurrent() != null;
        event.actorId = inRequest ? Caller.usuarioId(jwt) : null;
        String rol = inRequest ? Caller.of(jwt).rol() : "system";
        event.actorRole = rol == null ? "unknown" : rol;
        event.service = SERVICE;
        event.action = action;
        event.targetType = targetType;
        event.targetId = targetId == null ? null : targetId.toString();
        event.requestId = inRequest ? RequestIds.of(request.getCurrent()) : null;
        event.detail = new java.util.HashMap<>(detail);
        event.occurredAt = Instant.now();
        return event.persist().replaceWithVoid();
    }

}
