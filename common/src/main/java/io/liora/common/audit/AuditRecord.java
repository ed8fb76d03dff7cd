package io.liora.common.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One audited action of another service (a catalog publish or rollback, a contact's export or
 * erasure), as it sends it to tenant-service's audit trail ({@code POST /internal/audit}). Facts
 * only: never the data acted on or a secret. {@code source_key} is the sender's id for the record:
 * sent twice (an answer lost, two replicas), it is kept once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecord(
        @NotNull UUID clienteId,
        @NotBlank @Size(max = 60) String action,
        UUID actorId,
        @NotBlank @Size(max = 30) @Pattern(regexp = "^[a-z_]+$", message = "a role") String actorRole,
        @NotBlank @Size(max = 40) String targetType,
        @Size(max = 200) String targetId,
        @Size(max = 100) String requestId,
        @Size(max = 20) Map<@Size(max = 60) String, Object> detail,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 200) String sourceKey) {
}
