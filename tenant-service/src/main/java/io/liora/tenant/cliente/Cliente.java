package io.liora.tenant.cliente;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A tenant: a business that connects its WhatsApp number to Liora. */
@Entity
@Table(name = "clientes")
public class Cliente extends LioraEntity {

    public static final String ACTIVO = "activo";
    public static final String SUSPENDIDO = "suspendido";

    /** URL-safe, unique handle, e.g. {@code demo}. */
    @Column(nullable = false, unique = true, length = 50)
    public String slug;

    @Column(nullable = false, length = 100)
    public String nombre;

    @Column(nullable = false, length = 20)
    public String plan = "free";

    @Column(nullable = false, length = 20)
    public String estado = ACTIVO;

    /** How the tenant's bot behaves (see TenantPolicy); empty: the plan's defaults. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> policy = new HashMap<>();
}
