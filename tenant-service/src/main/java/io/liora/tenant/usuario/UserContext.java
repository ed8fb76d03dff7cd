package io.liora.tenant.usuario;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The one context of a staff user (1:1, unique {@code usuario_id} in the database). */
@Entity
@Table(name = "user_contexts")
public class UserContext extends LioraEntity {

    @Column(name = "usuario_id", nullable = false, unique = true)
    public UUID usuarioId;

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    /** The user's own WhatsApp number, E.164, if any. */
    @Column(length = 30)
    public String msisdn;

    @Column(name = "last_intent", length = 50)
    public String lastIntent;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "slots_json", nullable = false)
    public Map<String, Object> slots = new HashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "context_json", nullable = false)
    public Map<String, Object> context = new HashMap<>();
}
