package io.liora.tenant.audit;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One audited staff action (see V7__audit_events.sql); never changed once written. */
@Entity
@Table(name = "audit_events")
public class AuditEvent extends LioraEntity {

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(name = "actor_id")
    public UUID actorId;

    @Column(name = "actor_role", nullable = false, length = 30)
    public String actorRole;

    @Column(nullable = false, length = 60)
    public String service;

    @Column(nullable = false, length = 60)
    public String action;

    @Column(name = "target_type", nullable = false, length = 40)
    public String targetType;

    @Column(name = "target_id", length = 200)
    public String targetId;

    @Column(name = "request_id", length = 100)
    public String requestId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> detail = new HashMap<>();

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "source_key", length = 200)
    public String sourceKey;
}
