package io.liora.integrations.usage;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The usage ledger as the API shows it. */
public final class UsageDtos {

    private UsageDtos() {
    }

    /** How the report's rows are grouped. */
    public enum GroupBy {
        day, category, number
    }

    @Schema(description = "Outbound messages Meta priced between from and to (UTC days, both included): "
            + "billable ones and free ones (service replies, free entry points), in total and per group")
    public record UsageReport(LocalDate from, LocalDate to, GroupBy groupBy, long billable, long free,
            List<UsageRow> rows) {
    }

    @Schema(description = "One group: a day (YYYY-MM-DD), a pricing category (marketing, utility, "
            + "authentication, service, ...) or a WhatsApp number (its phone_number_id)")
    public record UsageRow(String key, long billable, long free) {
    }
}
