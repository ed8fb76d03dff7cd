package io.liora.conversation.processing;

import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.work.Rounds;
import io.liora.conversation.clients.IntegrationsApi;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Hands Meta's delivery statuses, stored by the webhook, to integrations-service, one batch per
 * tenant; a batch that fails stays claimed for a while and is sent again (integrations-service
 * ignores what it already applied). Runs on a timer of its own on the replicas that run the
 * workers, apart from the inbox's rounds: three statuses arrive per reply, and forwarding them
 * every half second sends them in batches instead of costing every message round a claim.
 */
@ApplicationScoped
public class StatusForwarder {

    private static final Logger LOG = Logger.getLogger(StatusForwarder.class);
    /** Statuses claimed at once (the claim's limit): that many means there are probably more. */
    private static final int BATCH = 200;
    private static final String CLAIM = """
            update pending_statuses set claimed_until = now() + interval '30 seconds', attempts = attempts + 1
            where id in (select id from pending_statuses
                         where forwarded_at is null and (claimed_until is null or claimed_until < now())
                         order by created_at limit %d for update skip locked)
            returning id, cliente_id, cast(item as text)""".formatted(BATCH);

    private final TenantTransactions tx;
    private final IntegrationsApi integrations;
    private final InboxConfig config;
    private final Rounds rounds;

    public StatusForwarder(TenantTransactions tx, @RestClient IntegrationsApi integrations, InboxConfig config,
            Vertx vertx) {
        this.tx = tx;
        this.integrations = integrations;
        this.config = config;
        this.rounds = new Rounds(vertx, "status forwarding", this::forward, BATCH);
    }

    void start(@Observes StartupEvent event) {
        if (config.workerEnabled()) {
            rounds.every(config.statusInterval());
        }
    }

    /** Forwards what is waiting; answers how many statuses went. */
    public Uni<Integer> forward() {
        Executor eventLoop = EventLoop.current();
        return tx.acrossTenants(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(CLAIM, Object[].class).getResultList()))
                .chain(rows -> {
                    Map<UUID, List<Object[]>> byTenant = new LinkedHashMap<>();
                    rows.forEach(row -> byTenant.computeIfAbsent((UUID) row[1], t -> new ArrayList<>()).add(row));
                    return Multi.createFrom().iterable(byTenant.entrySet())
                            .onItem().transformToUniAndConcatenate(batch -> send(batch.getKey(), batch.getValue())
                                    .emitOn(eventLoop)
                                    .chain(sent -> markForwarded(batch.getKey(), batch.getValue()))
                                    .onFailure().invoke(e -> LOG.warnf("Statuses of %s not forwarded yet: %s",
                                            batch.getKey(), e.toString()))
                                    .onFailure().recoverWithItem(0))
                            .collect().asList().map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
                });
    }

    private Uni<IntegrationsApi.StatusResult> send(UUID clienteId, List<Object[]> rows) {
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (Object[] row : rows) {
            statuses.add(JsonText.map((String) row[2]));
        }
        return integrations.statuses(clienteId.toString(), Map.of("statuses", statuses));
    }

    private Uni<Integer> markForwarded(UUID clienteId, List<Object[]> rows) {
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session -> session.createNativeQuery(
                "update pending_statuses set forwarded_at = now(), claimed_until = null where id in (:ids)")
                .setParameter("ids", rows.stream().map(row -> row[0]).toList()).executeUpdate()));
    }
}
