package io.liora.tenant.token;

import io.liora.common.persistence.SqlValues;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.security.RevocationFeed;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the other services must stop trusting, published like the signing keys: staff users whose
 * tokens issued before an instant are revoked, and suspended tenants, each as the SHA-256 of its
 * id (a service hashes the ids its token names; the feed names nobody). Only rows younger than a
 * staff token's lifetime matter; older ones are removed here.
 */
@Path("/.well-known/liora-revocations")
@Tag(name = "tokens")
public class RevocationFeedResource {

    private final TenantTransactions tx;
    private final TokenConfig config;

    public RevocationFeedResource(TenantTransactions tx, TokenConfig config) {
        this.tx = tx;
        this.config = config;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "tokenRevocations", summary = "Revoked staff tokens and suspended tenants, hashed")
    public Uni<RevocationFeed.Feed> feed() {
        Instant oldest = Instant.now().minus(config.userLifetime()).minusSeconds(60);
        return tx.acrossTenants(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "delete from token_revocations where revoked_before < :oldest").setParameter("oldest", oldest)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("select usuario_id, max(revoked_before) from token_revocations"
                        + " group by usuario_id", Object[].class).getResultList())
                .chain(revoked -> session.createNativeQuery("select id from clientes where estado = 'suspendido'",
                        UUID.class).getResultList().map(suspended -> {
                            List<RevocationFeed.Revoked> users = new ArrayList<>();
                            for (Object[] row : revoked) {
                                users.add(new RevocationFeed.Revoked(RevocationFeed.hash((UUID) row[0]),
                                        SqlValues.instant(row[1]).getEpochSecond()));
                            }
                            return new RevocationFeed.Feed(Instant.now().getEpochSecond(), users,
                                    suspended.stream().map(RevocationFeed::hash).toList());
                        }))));
    }
}
