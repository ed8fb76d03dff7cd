package io.liora.integrations.usage;

import io.liora.common.persistence.SqlValues;
import io.liora.common.persistence.TenantTransactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Counts of priced outbound messages, read from the pricing Meta reported in each message's statuses. */
@ApplicationScoped
public class UsageReports {

    private static final String COUNT = """
            select %s as key, count(*) filter (where pricing_billable), count(*) filter (where not pricing_billable)
            from outbound_messages
            where cliente_id = :cliente and priced_at >= :from and priced_at < :until
            group by 1 order by 1""";

    private final TenantTransactions tx;

    public UsageReports(TenantTransactions tx) {
        this.tx = tx;
    }

    /** The tenant's usage from {@code from} to {@code to}, both UTC days included. */
    public Uni<UsageDtos.UsageReport> report(UUID clienteId, LocalDate from, LocalDate to, UsageDtos.GroupBy groupBy) {
        String sql = COUNT.formatted(switch (groupBy) {
            case day -> "to_char(priced_at at time zone 'UTC', 'YYYY-MM-DD')";
            case category -> "coalesce(pricing_category, 'unknown')";
            case number -> "coalesce(phone_number_id, 'unknown')";
        });
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session -> session
                .createNativeQuery(sql, Object[].class).setParameter("cliente", clienteId)
                .setParameter("from", from.atStartOfDay().toInstant(ZoneOffset.UTC))
                .setParameter("until", to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .getResultList()))
                .map(found -> {
                    List<UsageDtos.UsageRow> rows = found.stream().map(row -> new UsageDtos.UsageRow((String) row[0],
                            SqlValues.number(row[1]), SqlValues.number(row[2]))).toList();
                    return new UsageDtos.UsageReport(from, to, groupBy,
                            rows.stream().mapToLong(UsageDtos.UsageRow::billable).sum(),
                            rows.stream().mapToLong(UsageDtos.UsageRow::free).sum(), rows);
                });
    }

    /** The report as CSV: a header naming the grouping, then one line per group. */
    public static String csv(UsageDtos.UsageReport report) {
        StringBuilder out = new StringBuilder(report.groupBy().name()).append(",billable,free\n");
        for (UsageDtos.UsageRow row : report.rows()) {
            out.append(csvField(row.key())).append(',').append(row.billable()).append(',').append(row.free())
                    .append('\n');
        }
        return out.toString();
    }

    /** Quoted when it holds a comma, quote or line break; a leading formula character is defused. */
    private static String csvField(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.matches(".*[,\"\\r\\n].*") ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
