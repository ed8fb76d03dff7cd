package io.liora.tenant.usuario;

import io.liora.common.persistence.TenantTransactions;
import io.liora.tenant.audit.AuditActions;
import io.liora.tenant.audit.AuditTrail;
import io.liora.common.problem.DatabaseErrors;
import io.liora.common.problem.ProblemException;
import io.liora.common.problem.ProblemType;
import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.rest.Pages;
import io.liora.common.security.Roles;
import io.liora.tenant.auth.PasswordHasher;
import io.liora.tenant.cliente.ClienteService;
import io.liora.tenant.token.TokenRevocation;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.UUID;

/** A tenant's staff users and their 1:1 contexts. Every method works inside one tenant. */
@ApplicationScoped
public class UsuarioService {

    private final TenantTransactions tx;
    private final PasswordHasher hasher;
    private final Vertx vertx;
    private final AuditTrail audit;

    public UsuarioService(TenantTransactions tx, PasswordHasher hasher, Vertx vertx, AuditTrail audit) {
        this.tx = tx;
        this.hasher = hasher;
        this.vertx = vertx;
        this.audit = audit;
    }

    /** Creates the user and its empty context in one transaction. */
    public Uni<Usuario> create(UUID clienteId, String actorRol, UsuarioDtos.UsuarioCreate in) {
        PasswordPolicy.check(in.password(), in.email());
        StaffPolicy.requireMayManage(actorRol, in.rol());
        return hash(in.password()).chain(hash -> tx.forTenant(clienteId, () -> ClienteService.find(clienteId)
                .chain(cliente -> {
                    Usuario usuario = new Usuario();
                    usuario.clienteId = clienteId;
                    usuario.email = Emails.normalize(in.email());
                    usuario.nombre = in.nombre() == null ? null : in.nombre().trim();
                    usuario.rol = in.rol();
                    usuario.passwordHash = hash;
                    UserContext context = new UserContext();
                    context.usuarioId = usuario.id;
                    context.clienteId = clienteId;
                    return usuario.persist().chain(() -> context.persistAndFlush())
                            .call(() -> audit.record(clienteId, AuditActions.USER_CREATED, "user", usuario.id,
                                    java.util.Map.of("rol", usuario.rol)))
                            .replaceWith(usuario);
                })))
                .onFailure(DatabaseErrors::isUniqueViolation)
                .transform(e -> new ProblemException(ProblemType.CONFLICT, "A user with that e-mail already exists"));
    }

    public Uni<Page<Usuario>> list(UUID clienteId, PageRequest request) {
        return tx.forTenant(clienteId, () -> Pages.of(Usuario.<Usuario>find("clienteId", Sort.by("createdAt").and("id"), clienteId), request));
    }

    public Uni<Usuario> get(UUID clienteId, UUID usuarioId) {
        return tx.forTenant(clienteId, () -> find(clienteId, usuarioId));
    }

    public Uni<Usuario> update(UUID clienteId, UUID usuarioId, String actorRol, UsuarioDtos.UsuarioPatch patch) {
        Uni<String> newHash = patch.password() == null ? Uni.createFrom().nullItem() : hash(patch.password());
        return newHash.chain(hash -> tx.forTenant(clienteId, () -> find(clienteId, usuarioId).call(usuario -> {
            StaffPolicy.requireMayManage(actorRol, usuario.rol);
            PasswordPolicy.check(patch.password(), usuario.email);
            if (patch.rol() != null) {
                StaffPolicy.requireMayManage(actorRol, patch.rol());
            }
            boolean losesOwner = Roles.OWNER.equals(usuario.rol)
                    && (patch.rol() != null && !Roles.OWNER.equals(patch.rol())
                            || patch.estado() != null && !Usuario.ACTIVO.equals(patch.estado()));
            Uni<Void> check = losesOwner ? requireAnotherOwner(clienteId, usuarioId) : Uni.createFrom().voidItem();
            // what the user's tokens no longer stand for: each service stops honouring them within seconds
            String revocation = patch.rol() != null && !patch.rol().equals(usuario.rol) ? TokenRevocation.ROLE
                    : patch.estado() != null && !Usuario.ACTIVO.equals(patch.estado())
                            && Usuario.ACTIVO.equals(usuario.estado) ? TokenRevocation.DEACTIVATED
                    : hash != null ? TokenRevocation.PASSWORD : null;
            return check.invoke(() -> {
                if (patch.nombre() != null) {
                    usuario.nombre = patch.nombre().trim();
                }
                if (patch.rol() != null) {
                    usuario.rol = patch.rol();
                }
                if (patch.estado() != null) {
                    usuario.estado = patch.estado();
                }
                if (hash != null) {
                    usuario.passwordHash = hash;
                }
            }).call(() -> revocation == null ? Uni.createFrom().voidItem()
                    : TokenRevocation.of(clienteId, usuarioId, revocation).persist().replaceWithVoid())
                    .call(() -> audit.record(clienteId, AuditActions.USER_CHANGED, "user", usuarioId,
                            changed(patch, usuario, hash != null)));
        })));
    }

    /** What an audit record says of a change: the new role and estado, and which other fields were set. */
    private static java.util.Map<String, Object> changed(UsuarioDtos.UsuarioPatch patch, Usuario usuario,
            boolean password) {
        java.util.Map<String, Object> detail = new java.util.HashMap<>();
        if (patch.rol() != null) {
            detail.put("rol", usuario.rol);
        }
        if (patch.estado() != null) {
            detail.put("estado", usuario.estado);
        }
        if (patch.nombre() != null) {
            detail.put("nombre", "changed");
        }
        if (password) {
            detail.put("password", "changed");
        }
        return detail;
    }

    /** Removes the user and, by the foreign key's cascade, its context. */
    public Uni<Void> delete(UUID clienteId, UUID usuarioId, String actorRol) {
        return tx.forTenant(clienteId, () -> find(clienteId, usuarioId).call(usuario -> {
            StaffPolicy.requireMayManage(actorRol, usuario.rol);
            return Roles.OWNER.equals(usuario.rol) ? requireAnotherOwner(clienteId, usuarioId)
                    : Uni.createFrom().voidItem();
        }).call(usuario -> usuario.delete())
                .call(usuario -> TokenRevocation.of(clienteId, usuarioId, TokenRevocation.DELETED).persist())
                .call(usuario -> audit.record(clienteId, AuditActions.USER_DELETED, "user", usuarioId,
                        java.util.Map.of("rol", usuario.rol))))
                .replaceWithVoid();
    }

    public Uni<UserContext> context(UUID clienteId, UUID usuarioId) {
        return tx.forTenant(clienteId, () -> findContext(clienteId, usuarioId));
    }

    public Uni<UserContext> replaceContext(UUID clienteId, UUID usuarioId, UsuarioDtos.ContextBody body) {
        return tx.forTenant(clienteId, () -> findContext(clienteId, usuarioId).invoke(context -> {
            context.msisdn = body.msisdn();
            context.lastIntent = body.lastIntent();
            context.slots = body.slotsJson() == null ? new HashMap<>() : new HashMap<>(body.slotsJson());
            context.context = body.contextJson() == null ? new HashMap<>() : new HashMap<>(body.contextJson());
        }));
    }

    private Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> hasher.hash(password)));
    }

    private static Uni<Usuario> find(UUID clienteId, UUID usuarioId) {
        return Usuario.<Usuario>find("id = ?1 and clienteId = ?2", usuarioId, clienteId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No user " + usuarioId + " in this tenant"));
    }

    private static Uni<UserContext> findContext(UUID clienteId, UUID usuarioId) {
        return UserContext.<UserContext>find("usuarioId = ?1 and clienteId = ?2", usuarioId, clienteId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No user " + usuarioId + " in this tenant"));
    }

    /** A tenant always keeps one active owner. */
    private static Uni<Void> requireAnotherOwner(UUID clienteId, UUID leaving) {
        return Usuario.count("clienteId = ?1 and rol = 'owner' and estado = 'activo' and id <> ?2", clienteId, leaving)
                .invoke(others -> {
                    if (others == 0) {
                        throw new ProblemException(ProblemType.CONFLICT, "A tenant must keep at least one active owner");
                    }
                }).replaceWithVoid();
    }
}
