package io.liora.tenant.auth;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.ProblemException;
import io.liora.tenant.cliente.Cliente;
import io.liora.tenant.cliente.ClienteService;
import io.liora.tenant.token.TokenIssuer;
import io.liora.tenant.usuario.Emails;
import io.liora.tenant.usuario.Usuario;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * E-mail and password login. Unknown e-mails and wrong passwords get the same answer after the
 * same work (one Argon2 verification each), and are counted alike by {@link LoginThrottle}: per
 * e-mail and source, and per source, so a source that keeps failing is answered 429 with
 * {@code Retry-After}, while the account's owner, elsewhere, still logs in.
 */
@ApplicationScoped
public class LoginService {

    private final TenantTransactions tx;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final LoginThrottle throttle;
    private final MeterRegistry metrics;
    private final Vertx vertx;

    public LoginService(TenantTransactions tx, PasswordHasher hasher, TokenIssuer issuer, LoginThrottle throttle,
            MeterRegistry metrics, Vertx vertx) {
        this.tx = tx;
        this.hasher = hasher;
        this.issuer = issuer;
        this.throttle = throttle;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    private record Account(Usuario usuario, Cliente cliente) {
    }

    /** @param source the caller's address (a trusted proxy's X-Forwarded-For only when so configured) */
    public Uni<TokenIssuer.IssuedToken> login(String email, String password, String source) {
        String normalized = Emails.normalize(email);
        LoginThrottle.Keys keys = LoginThrottle.Keys.of(normalized, source);
        return throttle.check(keys)
                .chain(() -> tx.acrossTenants(() -> findAccount(normalized)))
                .chain(account -> vertx.executeBlocking(Uni.createFrom().item(
                        () -> hasher.verify(password, account == null ? null : account.usuario().passwordHash)))
                        .chain(matches -> decide(account, matches, keys)));
    }

    private Uni<Account> findAccount(String normalizedEmail) {
        return Usuario.<Usuario>find("lower(email) = ?1", normalizedEmail).firstResult()
                .chain(usuario -> usuario == null ? Uni.createFrom().nullItem()
                        : usuario.clienteId == null ? Uni.createFrom().item(new Account(usuario, null))
                        : Cliente.<Cliente>findById(usuario.clienteId).map(cliente -> new Account(usuario, cliente)));
    }

    private Uni<TokenIssuer.IssuedToken> decide(Account account, boolean matches, LoginThrottle.Keys keys) {
        if (account == null || !matches) {
            metrics.counter("liora.login.failures").increment();
            return throttle.failed(keys).chain(() -> Uni.createFrom().failure(invalidCredentials()));
        }
        Usuario usuario = account.usuario();
        if (!Usuario.ACTIVO.equals(usuario.estado)) {
            return Uni.createFrom().failure(invalidCredentials());
        }
        if (account.cliente() != null && Cliente.SUSPENDIDO.equals(account.cliente().estado)) {
            return Uni.createFrom().failure(ClienteService.suspended());
        }
        return throttle.succeeded(keys).map(done -> issuer.forUser(usuario.id, usuario.clienteId, usuario.rol));
    }

    private static ProblemException invalidCredentials() {
        return new ProblemException("invalid-credentials", 401, "Invalid credentials",
                "The e-mail or the password is wrong");
    }
}
