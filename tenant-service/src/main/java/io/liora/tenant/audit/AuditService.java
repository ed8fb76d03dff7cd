package io.liora.tenant.audit;

import io.liora.common.audit.AuditRecord;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.DatabaseErrors;
import io.liora.common.problem.Problem;
import io.liora.common.problem.ProblemException;
import io.liora.common.rest.Keyset;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

/** Reads the audit trail, and keeps the records other services send of their own actions. */
@ApplicationScoped
public class AuditService {

    private final TenantTransactions tx;

    public AuditService(TenantTransactions tx) {
        this.tx = tx;
    }

    /** A filter of the list; every part optional. */
    public record AuditQuery(String action, Instant from, Instant to, Keyset after, int limit) {
    }

    /** One tenant's records, newest first. */
    public Uni<AuditDtos.AuditPage> list(UUID clienteId, AuditQuery query) {
        return tx.forTenant(clienteId, () -> find(clienteId, query));
    }

    /** Every tenant's records, newest first (platform admins). */
    public Uni<AuditDtos.AuditPage> listAll(AuditQuery query) {
        return tx.acrossTenants(() -> find(null, query));
    }

    /** Keeps another service's record once, however often it is sent. */
    public Uni<Void> keep(String service, AuditRecord in) {
        if (!AuditActions.FORWARDED.contains(in.action())) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("action", in.action(),
                    "one of " + String.join(", ", AuditActions.FORWARDED.stream().sorted().toList()))));
        }
        AuditEvent event = new AuditEvent();
        event.clienteId = in.clienteId();
        event.actorId = in.actorId();
        event.actorRole = in.actorRole();
        event.service = service;
        event.action = in.action();
        event.targetType = in.targetType();
        event.targetId = in.targetId();
        event.requestId = in.requestId();
        event.detail = in.detail() == null ? new HashMap<>() : new HashMap<>(in.detail());
        event.occurredAt = in.occurredAt();
        event.sourceKey = in.sourceKey();
        return tx.forTenant(in.clienteId(), () -> event.persistAndFlush().replaceWithVoid())
                // sent again after an answer that did not arrive: the first one holds
                .onFailure(DatabaseErrors::isUniqueViolation).recoverWithNull().replaceWithVoid();
    }

    private static Uni<AuditDtos.AuditPage> find(UUID clienteId, AuditQuery query) {
        StringBuilder where = new StringBuilder("1 = 1");
        var params = new HashMap<String, Object>();
        if (clienteId != null) {
            where.append(" and clienteId = :cliente");
            params.put("cliente", clienteId);
        }
        if (query.action() != null) {
            where.append(" and action = :action");
            params.put("action", query.action());
        }
        if (query.from() != null) {
            where.append(" and occurredAt >= :from");
            params.put("from", query.from());
        }
        if (query.to() != null) {
            where.append(" and occurredAt < :to");
            params.put("to", query.to());
        }
        if (query.after() != null) {
            where.append(" and (occurredAt < :at or (occurredAt = :at and id < :id))");
            params.put("at", query.after().at());
            params.put("id", query.after().id());
        }
        return AuditEvent.<AuditEvent>find(where + " order by occurredAt desc, id desc", params)
                // one more than asked: whether another page follows
                .range(0, query.limit()).list()
                .map(rows -> {
                    List<AuditDtos.AuditView> items = new ArrayList<>(Math.min(rows.size(), query.limit()));
                    rows.stream().limit(query.limit()).forEach(e -> items.add(AuditDtos.AuditView.of(e)));
                    AuditEvent last = rows.size() > query.limit() ? rows.get(query.limit() - 1) : null;
                    return new AuditDtos.AuditPage(items,
                            last == null ? null : new Keyset(last.occurredAt, last.id).encode());
                });
    }
}
