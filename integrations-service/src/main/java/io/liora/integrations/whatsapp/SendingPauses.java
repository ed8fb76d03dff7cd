package io.liora.integrations.whatsapp;

import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantSql;
import io.liora.common.persistence.TenantTransactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * Tenants whose messages wait because Meta rejected their token (the sender's claim leaves them
 * out): paused when a send says so, and resumed once tenant-service holds a working token again,
 * looked at when each pause's {@code check_after} comes.
 */
@ApplicationScoped
public class SendingPauses {

    private static final String DUE = "select id, cliente_id from sending_pauses where check_after <= now()";

    private final TenantTransactions tx;
    private final TenantSql sql;
    private final WabaCredentials credentials;
    private final WhatsAppConfig config;

    public SendingPauses(TenantTransactions tx, TenantSql sql, WabaCredentials credentials, WhatsAppConfig config) {
        this.tx = tx;
        this.sql = sql;
        this.credentials = credentials;
        this.config = config;
    }

    /** The tenant's other messages wait until its token is rotated. */
    public Uni<Void> pause(UUID clienteId, String reason) {
        return tx.forTenant(clienteId, () -> SendingPause.<SendingPause>find("clienteId", clienteId).firstResult()
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().voidItem();
                    }
                    SendingPause pause = new SendingPause();
                    pause.clienteId = clienteId;
                    pause.reason = reason == null ? "token expired" : reason;
                    pause.checkAfter = Instant.now().plus(config.pauseRecheck());
                    return pause.persist().replaceWithVoid();
                }));
    }

    /** Paused tenants whose token was rotated in tenant-service send again; answers how many resumed. */
    public Uni<Integer> resumeRotated() {
        Executor context = EventLoop.current();
        return sql.acrossTenants(DUE, Tuple.tuple()).map(rows -> {
                    List<DuePause> due = new ArrayList<>();
                    rows.forEach(row -> due.add(new DuePause(row.getUUID(0), row.getUUID(1))));
                    return due;
                })
                .emitOn(context)
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(0) : Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(this::recheck).collect().asList()
                        .map(resumed -> (int) resumed.stream().filter(Boolean::booleanValue).count()));
    }

    /** A tenant's pause whose time to look at the token again has come. */
    private record DuePause(UUID id, UUID clienteId) {
    }

    /** Lifts the pause if the tenant's token is active again, else looks again later; answers whether it lifted. */
    private Uni<Boolean> recheck(DuePause pause) {
        credentials.forget(pause.clienteId());
        return tx.forTenant(pause.clienteId(), () -> OutboundMessage.<OutboundMessage>find(
                "clienteId = ?1 and status = 'queued'", pause.clienteId()).firstResult())
                .chain(waiting -> waiting == null ? Uni.createFrom().item("activo")
                        : credentials.get(pause.clienteId(), waiting.phoneNumberId).map(c -> c.estado()))
                .onFailure().recoverWithItem("unknown")
                .chain(estado -> tx.forTenant(pause.clienteId(), () -> SendingPause.<SendingPause>findById(pause.id())
                        .chain(current -> {
                            if (current == null) {
                                return Uni.createFrom().item(false);
                            }
                            if ("activo".equals(estado)) {
                                return current.delete().replaceWith(true);
                            }
                            current.checkAfter = Instant.now().plus(config.pauseRecheck());
                            return Uni.createFrom().item(false);
                        })));
    }
}
