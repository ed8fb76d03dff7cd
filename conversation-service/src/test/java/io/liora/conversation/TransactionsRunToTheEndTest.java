package io.liora.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.work.IsolatedContexts;
import io.liora.testing.TestDb;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A transaction, once begun, runs to its end even when whoever waited for it goes away (a client
 * that disconnects, a timeout): cut midway, Hibernate Reactive closed the session with the
 * transaction live (HR000090), rolled it back, and what followed ran without a session.
 */
@QuarkusTest
class TransactionsRunToTheEndTest {

    @Inject
    TenantTransactions tx;

    @Inject
    Vertx vertx;

    @Test
    void aTransactionWhoseCallerWentAwayStillCommits() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        Context context = IsolatedContexts.next(vertx);
        AtomicReference<Cancellable> running = new AtomicReference<>();
        context.runOnContext(ignored -> running.set(tx.forTenant(tenant, () -> Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into handoff_events (id, cliente_id, contact_id,"
                                + " kind, reason) values (gen_random_uuid(), :tenant, :contact, 'requested', 'asked')")
                        .setParameter("tenant", tenant).setParameter("contact", contact).executeUpdate()
                        .chain(inserted -> session.createNativeQuery("select cast(pg_sleep(0.5) as text)", String.class)
                                .getSingleResult())))
                .subscribe().with(done -> {
                }, failure -> {
                })));
        Thread.sleep(200);
        context.runOnContext(ignored -> running.get().cancel());
        Thread.sleep(1500);
        assertThat(TestDb.query(tenant, "select count(*) as n from handoff_events where contact_id = ?", contact)
                .get(0)).containsEntry("n", 1L);
    }
}
