package io.liora.tenant.usuario;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A tenant's staff user (owner, admin, agent), or a platform admin (no tenant). */
@Entity
@Table(name = "usuarios")
public class Usuario extends LioraEntity {

    public static final String ACTIVO = "activo";

    @Column(name = "cliente_id")
    public UUID clienteId;

    @Column(nullable = false, length = 254)
    public String email;

    @Column(name = "password_hash", nullable = false, length = 200)
    public String passwordHash;

    @Column(length = 100)
    public String nombre;

    @Column(nullable = false, length = 20)
    public String rol;

    @Column(nullable = false, length = 20)
    public String estado = ACTIVO;
}
