package io.liora.conversation.processing;

import io.liora.common.persistence.TenantSql;
import io.liora.common.work.Rounds;
import io.liora.conversation.clients.IntegrationsApi;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
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
            with claimed as (
                update status_forwards set claimed_until = now() + interval '30 seconds', attempts = attempts + 1
                -- by key, not by a join: a queue deleted as fast as it fills has more dead rows than live ones
                where status_id = any(array(select status_id from status_forwards
                                            where claimed_until is null or claimed_until < now()
                                            order by created_at limit %d for update skip locked))
                returning status_id, cliente_id)
            select c.status_id, c.cliente_id, cast(p.item as text)
            from claimed c join pending_statuses p on p.id = c.status_id""".formatted(BATCH);

    /**
     * A forwarded status leaves the queue (V11: the status itself is not written again); one
     * statement whatever the batch's size.
     */
    private static final String FORWARDED = "delete from status_forwards where status_id = any($1)";

    /** A claimed status: its row, its tenant and Meta's status object as JSON text. */
    private record Claimed(UUID id, UUID clienteId, String item) {
    }

    private final TenantSql sql;
    private final IntegrationsApi integrations;
    private final InboxConfig config;
    private final Rounds rounds;

    public StatusForwarder(TenantSql sql, @RestClient IntegrationsApi integrations, InboxConfig config,
            Vertx vertx) {
        this.sql = sql;
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
        return sql.acrossTenantsReplayable(CLAIM, Tuple.tuple())
                .chain(rows -> {
                    Map<UUID, List<Claimed>> byTenant = new LinkedHashMap<>();
                    for (Row row : rows) {
                        byTenant.computeIfAbsent(row.getUUID(1), t -> new ArrayList<>())
                                .add(new Claimed(row.getUUID(0), row.getUUID(1), row.getString(2)));
                    }
                    return Multi.createFrom().iterable(byTenant.entrySet())
                            .onItem().transformToUniAndConcatenate(batch -> send(batch.getKey(), batch.getValue())
                                    .chain(sent -> markForwarded(batch.getKey(), batch.getValue()))
                                    .onFailure().invoke(e -> LOG.warnf("Statuses of %s not forwarded yet: %s",
                                            batch.getKey(), e.toString()))
                                    .onFailure().recoverWithItem(0))
                            .collect().asList().map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
                });
    }

    private Uni<IntegrationsApi.StatusResult> send(UUID clienteId, List<Claimed> claimed) {
        StringJoiner batch = new StringJoiner(",", "{\"statuses\":[", "]}");
        for (Claimed status : claimed) {
            batch.add(status.item()); // jsonb as text: a JSON object
        }
        return integrations.statuses(clienteId.toString(), batch.toString());
    }

    private Uni<Integer> markForwarded(UUID clienteId, List<Claimed> claimed) {
        UUID[] ids = claimed.stream().map(Claimed::id).toArray(UUID[]::new);
        return sql.forTenantReplayable(clienteId, FORWARDED, Tuple.of(ids)).map(rows -> rows.rowCount());
    }
}
