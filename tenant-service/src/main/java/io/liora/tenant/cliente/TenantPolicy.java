package io.liora.tenant.cliente;

import jakarta.validation.Valid;
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
        @Size(max = 200) List<@Valid RecyclingPoint> recyclingPoints) {

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
