package io.liora.tenant.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class AuditDtos {

    private AuditDtos() {
    }

    /** One record as owners and platform admins read it. */
    public record AuditView(UUID id, UUID clienteId, Instant occurredAt, String action, UUID actorId,
            String actorRole, String service, String targetType, String targetId, String requestId,
            Map<String, Object> detail) {

        static AuditView of(AuditEvent e) {
            return new AuditView(e.id, e.clienteId, e.occurredAt, e.action, e.actorId, e.actorRole, e.service,
                    e.targetType, e.targetId, e.requestId, e.detail);
        }
    }

    /** Newest first; {@code next_cursor} continues the list, absent at its end. */
    public record AuditPage(List<AuditView> items, String nextCursor) {
    }
}
