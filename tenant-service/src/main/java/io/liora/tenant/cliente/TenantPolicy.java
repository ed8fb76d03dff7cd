package io.liora.tenant.cliente;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * How a tenant's bot behaves; every field optional (absent: the plan's default).
 *
 * @param enabledSkills      which skills customers are offered: catalogo, vida_sana, reciclaje
 * @param texts              replacements for the bot's texts, by key (e.g. {@code menu.greeting})
 * @param nomatch            the no-match backoff's parameters
 * @param replyRatePerMinute at most this many replies a minute for the whole tenant
 * @param optOutKeywords     what a customer writes to receive nothing more (replaces ours: STOP, baja, ...)
 * @param optInKeywords      what a customer who opted out writes to receive answers again (START, alta, ...)
 * @param recyclingPoints    where customers can recycle: the nearest are sent to a shared location
 * @param handoff            when a person takes over: business hours and how long a quiet conversation stays theirs
 * @param retentionDays      how many days customers' messages and logs are kept (default 180, at least 1)
 */
public record TenantPolicy(
        @Size(max = 3) List<@Pattern(regexp = "^(catalogo|vida_sana|reciclaje)$",
                message = "catalogo, vida_sana or reciclaje") String> enabledSkills,
        @Size(max = 30) Map<@Pattern(regexp = "^[a-z_.]{1,60}$", message = "a text key") String,
                @Size(min = 1, max = 1024) String> texts,
        @Valid NoMatch nomatch,
        @Min(1) @Max(100_000) Integer replyRatePerMinute,
        @Size(max = 50) List<@NotBlank @Size(max = 60) String> optOutKeywords,
        @Size(max = 50) List<@NotBlank @Size(max = 60) String> optInKeywords,
        @Size(max = 200) List<@Valid RecyclingPoint> recyclingPoints,
        @Valid Handoff handoff,
        @Min(1) @Max(3650) Integer retentionDays) {

    /** Kept this long when the policy does not say. */
    public static final int DEFAULT_RETENTION_DAYS = 180;

    /**
     * A person holding a conversation.
     *
     * @param idleMinutes   a conversation nobody wrote in for this long goes back to the bot (default 60)
     * @param businessHours when people answer; the bot tells a customer who asks outside them when that will be
     */
    public record Handoff(@Min(1) @Max(10_080) Integer idleMinutes, @Valid BusinessHours businessHours) {
    }

    /** Openings per weekday in the tenant's time zone (an IANA name such as America/Santiago). */
    public record BusinessHours(@NotBlank @Size(max = 60) String timeZone,
            @NotNull @Size(min = 1, max = 21) List<@NotNull @Valid Opening> openings) {

        @JsonIgnore
        @AssertTrue(message = "time_zone is not an IANA time zone such as America/Santiago")
        public boolean isKnownTimeZone() {
            if (timeZone == null) {
                return true; // reported by @NotBlank
            }
            try {
                java.time.ZoneId.of(timeZone);
                return true;
            } catch (java.time.DateTimeException e) {
                return false;
            }
        }
    }

    /** From {@code opens} (inclusive) to {@code closes} (exclusive), 24-hour HH:MM. */
    public record Opening(@NotNull @Pattern(regexp = "^(mon|tue|wed|thu|fri|sat|sun)$", message = "mon … sun") String day,
            @NotNull @Pattern(regexp = HOUR, message = "HH:MM, 00:00 to 23:59") String opens,
            @NotNull @Pattern(regexp = HOUR, message = "HH:MM, 00:00 to 23:59") String closes) {

        @JsonIgnore
        @AssertTrue(message = "closes must be after opens")
        public boolean isOrdered() {
            return opens == null || closes == null || !opens.matches(HOUR) || !closes.matches(HOUR)
                    || closes.compareTo(opens) > 0;
        }
    }

    private static final String HOUR = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    /** A place that takes recyclables. */
    public record RecyclingPoint(@NotBlank @Size(max = 100) String name, @Size(max = 200) String address,
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
            @Size(max = 200) String accepts) {
    }

    /** See conversation-service's NoMatchBackoff. */
    public record NoMatch(@DecimalMin("0.001") @DecimalMax("1") Double minRate,
            @DecimalMin("0.001") @DecimalMax("1") Double increase, @Min(1) @Max(100) Integer offerHumanAfter) {
    }
}
