package io.liora.integrations.usage;

import io.liora.common.persistence.SqlValues;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A tenant's monthly cap on billable messages (UTC months). A billable message reserves its place
 * when it is queued, by one conditional upsert on the month's row: two replicas queueing at once
 * wait for each other on that row, so the cap is never passed. A reserved message that then fails
 * still counts (conservative: the cap is never exceeded, at worst reached early). Templates are
 * what Meta bills; the bot's answers inside the window are free and never reserve.
 */
@ApplicationScoped
public class UsageCaps {

    private static final String RESERVE = """
            insert into usage_months (cliente_id, month, billable_reserved)
            select :cliente, cast(date_trunc('month', now() at time zone 'UTC') as date), 1
            where coalesce((select monthly_billable from usage_caps where cliente_id = :cliente), 2147483647) >= 1
            on conflict (cliente_id, month) do update set billable_reserved = usage_months.billable_reserved + 1
            where usage_months.billable_reserved
                  < coalesce((select monthly_billable from usage_caps where cliente_id = :cliente), 2147483647)
            returning billable_reserved""";
    private static final String STATE = """
            select c.monthly_billable, coalesce(m.billable_reserved, 0)
            from (select cast(:cliente as uuid) as cliente_id) t
            left join usage_caps c on c.cliente_id = t.cliente_id
            left join usage_months m on m.cliente_id = t.cliente_id
                 and m.month = cast(date_trunc('month', now() at time zone 'UTC') as date)""";
    private static final String SET = """
            insert into usage_caps (cliente_id, monthly_billable, updated_by) values (:cliente, :cap, :actor)
            on conflict (cliente_id) do update set monthly_billable = :cap, updated_by = :actor, updated_at = now()""";

    private final TenantTransactions tx;

    public UsageCaps(TenantTransactions tx) {
        this.tx = tx;
    }

    /**
     * Inside the tenant's transaction that queues a billable message: its place under the cap, or a
     * 409 naming the cap and how to raise it (the refusal is remembered for the owners to see).
     */
    public Uni<Void> reserveBillable(UUID clienteId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RESERVE)
                .setParameter("cliente", clienteId).getResultList())
                .chain(reserved -> !reserved.isEmpty() ? Uni.createFrom().voidItem()
                        : Panache.getSession().chain(session -> session.createNativeQuery(
                                "select monthly_billable from usage_caps where cliente_id = :cliente")
                                .setParameter("cliente", clienteId).getSingleResult())
                                .chain(cap -> Uni.createFrom().failure(new ProblemException("usage-cap-reached", 409,
                                        "Monthly cap reached", "This tenant reached its cap of " + cap
                                                + " billable messages this month; nothing billable is sent until an owner "
                                                + "raises it (PUT /clientes/{id}/usage/cap)"))));
    }

    public Uni<UsageDtos.CapState> state(UUID clienteId) {
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session -> session
                .createNativeQuery(STATE, Object[].class).setParameter("cliente", clienteId).getResultList()))
                .map(rows -> {
                    Object[] row = rows.get(0);
                    Integer cap = row[0] == null ? null : ((Number) row[0]).intValue();
                    long used = SqlValues.number(row[1]);
                    return new UsageDtos.CapState(cap, used, cap != null && used >= cap);
                });
    }

    /** Sets or (with {@code null}) removes the cap. */
    public Uni<UsageDtos.CapState> set(UUID clienteId, Integer monthlyBillable, String actor) {
        String sql = monthlyBillable == null ? "delete from usage_caps where cliente_id = :cliente" : SET;
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql).setParameter("cliente", clienteId);
            if (monthlyBillable != null) {
                query.setParameter("cap", monthlyBillable).setParameter("actor", actor);
            }
            return query.executeUpdate();
        })).chain(() -> state(clienteId));
    }

}
