package io.liora.tenant.auth;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.ProblemException;
import io.liora.common.problem.ProblemType;
import io.liora.tenant.cliente.Cliente;
import io.liora.tenant.cliente.ClienteService;
import io.liora.tenant.token.TokenIssuer;
import io.liora.tenant.usuario.Emails;
import io.liora.tenant.usuario.Usuario;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * E-mail and password login. Unknown e-mails and wrong passwords get the same answer after the
 * same work (one Argon2 verification each). Failures are counted per account in a window; an
 * account with {@code max-failures} failures in the window answers 429 with {@code Retry-After}
 * until the window has passed, even to the right password.
 */
@ApplicationScoped
public class LoginService {

    private final TenantTransactions tx;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final LoginConfig config;
    private final Vertx vertx;

    public LoginService(TenantTransactions tx, PasswordHasher hasher, TokenIssuer issuer, LoginConfig config,
            Vertx vertx) {
        this.tx = tx;
        this.hasher = hasher;
        this.issuer = issuer;
        this.config = config;
        this.vertx = vertx;
    }

    private record Account(Usuario usuario, Cliente cliente) {
    }

    public Uni<TokenIssuer.IssuedToken> login(String email, String password) {
        return tx.acrossTenants(() -> findAccount(email))
                .chain(account -> vertx.executeBlocking(Uni.createFrom().item(
                        () -> hasher.verify(password, account == null ? null : account.usuario().passwordHash)))
                        .chain(matches -> decide(account, matches)));
    }

    private Uni<Account> findAccount(String email) {
        return Usuario.<Usuario>find("lower(email) = ?1", Emails.normalize(email)).firstResult()
                .chain(usuario -> usuario == null ? Uni.createFrom().nullItem()
                        : usuario.clienteId == null ? Uni.createFrom().item(new Account(usuario, null))
                        : Cliente.<Cliente>findById(usuario.clienteId).map(cliente -> new Account(usuario, cliente)));
    }

    private Uni<TokenIssuer.IssuedToken> decide(Account account, boolean matches) {
        if (account == null) {
            return Uni.createFrom().failure(invalidCredentials());
        }
        Usuario usuario = account.usuario();
        Instant now = Instant.now();
        Instant windowStart = now.minus(config.window());
        boolean inWindow = usuario.failedWindowStartedAt != null && usuario.failedWindowStartedAt.isAfter(windowStart);
        if (inWindow && usuario.failedLogins >= config.maxFailures()) {
            long retryAfter = Math.max(1, Duration.between(now,
                    usuario.failedWindowStartedAt.plus(config.window())).toSeconds());
            return Uni.createFrom().failure(new ProblemException(ProblemType.TOO_MANY_REQUESTS,
                    "Too many failed logins for this account; try again later")
                    .withHeader("Retry-After", String.valueOf(retryAfter)));
        }
        if (!matches) {
            return recordFailure(usuario, now, windowStart).chain(() -> Uni.createFrom().failure(invalidCredentials()));
        }
        if (!Usuario.ACTIVO.equals(usuario.estado)) {
            return Uni.createFrom().failure(invalidCredentials());
        }
        if (account.cliente() != null && Cliente.SUSPENDIDO.equals(account.cliente().estado)) {
            return Uni.createFrom().failure(ClienteService.suspended());
        }
        Uni<Void> reset = usuario.failedLogins == 0 ? Uni.createFrom().voidItem() : tx.acrossTenants(() ->
                Usuario.update("failedLogins = 0, failedWindowStartedAt = null where id = ?1", usuario.id))
                .replaceWithVoid();
        return reset.map(done -> issuer.forUser(usuario.id, usuario.clienteId, usuario.rol));
    }

    /** One atomic update, so concurrent failures are all counted. */
    private Uni<Void> recordFailure(Usuario usuario, Instant now, Instant windowStart) {
        return tx.acrossTenants(() -> Usuario.update("""
                failedLogins = case when failedWindowStartedAt is null or failedWindowStartedAt <= ?2
                                    then 1 else failedLogins + 1 end,
                failedWindowStartedAt = case when failedWindowStartedAt is null or failedWindowStartedAt <= ?2
                                    then ?3 else failedWindowStartedAt end
                where id = ?1""", usuario.id, windowStart, now)).replaceWithVoid();
    }

    private static ProblemException invalidCredentials() {
        return new ProblemException("invalid-credentials", 401, "Invalid credentials",
                "The e-mail or the password is wrong");
    }
}
