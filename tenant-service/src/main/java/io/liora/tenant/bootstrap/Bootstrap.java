package io.liora.tenant.bootstrap;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.security.Roles;
import io.liora.tenant.auth.PasswordHasher;
import io.liora.tenant.cliente.Cliente;
import io.liora.tenant.cliente.ClienteDtos;
import io.liora.tenant.cliente.ClienteService;
import io.liora.tenant.usuario.Usuario;
import io.liora.tenant.usuario.UsuarioDtos;
import io.liora.tenant.usuario.UsuarioService;
import io.liora.tenant.waba.WabaDtos;
import io.liora.tenant.waba.WabaService;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * At start: the first platform admin, when configured and missing; and in the dev and demo
 * profiles only, the demo tenant (owner, its empty context, a WABA on the sandbox number).
 * Both are idempotent: a restart creates nothing twice.
 */
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class);
    static final String DEMO_SLUG = "demo";

    private final BootstrapConfig config;
    private final TenantTransactions tx;
    private final PasswordHasher hasher;
    private final ClienteService clientes;
    private final UsuarioService usuarios;
    private final WabaService wabas;

    public Bootstrap(BootstrapConfig config, TenantTransactions tx, PasswordHasher hasher, ClienteService clientes,
            UsuarioService usuarios, WabaService wabas) {
        this.config = config;
        this.tx = tx;
        this.hasher = hasher;
        this.clientes = clientes;
        this.usuarios = usuarios;
        this.wabas = wabas;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> platformAdmin().chain(this::demo));
    }

    Uni<Void> platformAdmin() {
        var admin = config.platformAdmin();
        if (admin.email().isEmpty() || admin.password().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String email = io.liora.tenant.usuario.Emails.normalize(admin.email().get());
        String hash = hasher.hash(admin.password().get());
        return tx.acrossTenants(() -> Usuario.count("lower(email) = ?1", email).chain(existing -> {
            if (existing > 0) {
                return Uni.createFrom().voidItem();
            }
            Usuario usuario = new Usuario();
            usuario.email = email;
            usuario.rol = Roles.PLATFORM_ADMIN;
            usuario.nombre = "Platform admin";
            usuario.passwordHash = hash;
            LOG.infof("Created the first platform admin %s", email);
            return usuario.persist().replaceWithVoid();
        }));
    }

    Uni<Void> demo() {
        var demo = config.demo();
        if (!demo.enabled()) {
            return Uni.createFrom().voidItem();
        }
        if (demo.ownerPassword().isEmpty() || demo.accessToken().isEmpty()) {
            LOG.warn("The demo tenant needs liora.bootstrap.demo.owner-password and access-token; not seeded");
            return Uni.createFrom().voidItem();
        }
        return tx.acrossTenants(() -> Cliente.<Cliente>find("slug", DEMO_SLUG).firstResult()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            return clientes.create(new ClienteDtos.ClienteCreate(DEMO_SLUG, "Demo Liora", "pro"))
                    .call(cliente -> usuarios.create(cliente.id, Roles.PLATFORM_ADMIN, new UsuarioDtos.UsuarioCreate(
                            demo.ownerEmail(), "Demo owner", Roles.OWNER, demo.ownerPassword().get())))
                    .call(cliente -> wabas.register(cliente.id, new WabaDtos.WabaCreate(demo.wabaId(),
                            demo.phoneNumberId(), demo.accessToken().get(), null, null)))
                    .invoke(cliente -> LOG.infof("Seeded the demo tenant %s (%s)", cliente.slug, cliente.id))
                    .replaceWithVoid();
        });
    }
}
