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

    @Schema(description = "The monthly cap on billable messages (none when null), what this UTC month has "
            + "used of it, and whether it is reached (then nothing billable is sent)")
    public record CapState(Integer monthlyBillable, long usedThisMonth, boolean reached) {
    }

    public record CapChange(@Schema(description = "Billable messages a month; null removes the cap")
            @jakarta.validation.constraints.Min(0) @jakarta.validation.constraints.Max(100_000_000) Integer monthlyBillable) {
    }
}
