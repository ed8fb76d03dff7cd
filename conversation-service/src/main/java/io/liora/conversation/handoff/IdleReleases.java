package io.liora.conversation.handoff;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.work.Rounds;
import io.liora.conversation.processing.InboxConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Gives back to the bot the conversations nobody wrote in for the tenant's timeout. The due ones
 * are found across tenants (the cross-tenant role may read only the deadline columns of
 * convo_state), each released in its tenant's transaction, which checks the deadline again.
 */
@ApplicationScoped
public class IdleReleases {

    private static final Logger LOG = Logger.getLogger(IdleReleases.class);
    private static final int BATCH = 100;
    private static final String DUE = """
            select cliente_id, contact_id from convo_state
            where idle_release_at < now() and handoff in ('waiting', 'agent')
            order by idle_release_at limit :batch""";

    private final TenantTransactions tx;
    private final Handoffs handoffs;
    private final InboxConfig config;
    private final Rounds rounds;

    public IdleReleases(TenantTransactions tx, Handoffs handoffs, InboxConfig config, Vertx vertx) {
        this.tx = tx;
        this.handoffs = handoffs;
        this.config = config;
        this.rounds = new Rounds(vertx, "idle-handoffs", this::sweep, BATCH);
    }

    void start(@Observes StartupEvent event) {
        if (config.workerEnabled()) {
            rounds.every(config.idleSweepInterval());
        }
    }

    /** One sweep; answers how many conversations went back to the bot. */
    public Uni<Integer> sweep() {
        return tx.acrossTenants(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(DUE, Object[].class).setParameter("batch", BATCH).getResultList()))
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(row -> handoffs.releaseIfIdle((UUID) row[0], (UUID) row[1])
                                .onFailure().invoke(e -> LOG.warnf("Idle conversation %s not released yet: %s", row[1], e))
                                .onFailure().recoverWithItem(false))
                        .collect().asList().map(IdleReleases::released));
    }

    private static int released(List<Boolean> results) {
        return (int) results.stream().filter(Boolean::booleanValue).count();
    }
}
