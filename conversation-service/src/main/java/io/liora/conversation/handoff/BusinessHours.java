package io.liora.conversation.handoff;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When the tenant's people answer, in its time zone: a list of openings per weekday (tenant-service
 * validates the policy; what cannot be read here counts as no hours at all, i.e. always open).
 */
public record BusinessHours(ZoneId zone, List<Opening> openings) {

    private static final Locale SPANISH = Locale.forLanguageTag("es");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** One weekday's opening, {@code opens} inclusive, {@code closes} exclusive. */
    public record Opening(DayOfWeek day, LocalTime opens, LocalTime closes) {
    }

    /** No hours configured: a person may answer at any time. */
    public static final BusinessHours ALWAYS = new BusinessHours(ZoneId.of("UTC"), List.of());

    /** From the policy's {@code handoff.business_hours}. */
    public static BusinessHours of(Object value) {
        if (!(value instanceof Map<?, ?> hours) || !(hours.get("time_zone") instanceof String zone)
                || !(hours.get("openings") instanceof List<?> list)) {
            return ALWAYS;
        }
        try {
            List<Opening> openings = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map<?, ?> o && o.get("day") instanceof String day && DAYS.contains(day)
                        && o.get("opens") instanceof String opens && o.get("closes") instanceof String closes) {
                    openings.add(new Opening(DayOfWeek.of(DAYS.indexOf(day) + 1), LocalTime.parse(opens),
                            LocalTime.parse(closes)));
                }
            }
            return openings.isEmpty() ? ALWAYS : new BusinessHours(ZoneId.of(zone), List.copyOf(openings));
        } catch (DateTimeException e) {
            return ALWAYS;
        }
    }

    public boolean open(Instant at) {
        if (openings.isEmpty()) {
            return true;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        return openings.stream().anyMatch(o -> o.day() == local.getDayOfWeek()
                && !time.isBefore(o.opens()) && time.isBefore(o.closes()));
    }

    /** When people next start answering after {@code at}, in Spanish ("el lunes a las 09:00"). */
    public Optional<String> nextOpening(Instant at) {
        if (openings.isEmpty()) {
            return Optional.empty();
        }
        ZonedDateTime local = at.atZone(zone);
        for (int days = 0; days <= 7; days++) {
            ZonedDateTime date = local.plusDays(days);
            Optional<Opening> first = openings.stream().filter(o -> o.day() == date.getDayOfWeek())
                    .filter(o -> date.toLocalDate().atTime(o.opens()).atZone(zone).isAfter(local))
                    .min(java.util.Comparator.comparing(Opening::opens));
            if (first.isPresent()) {
                String when = days == 0 ? "hoy" : days == 1 ? "mañana"
                        : "el " + date.getDayOfWeek().getDisplayName(TextStyle.FULL, SPANISH);
                return Optional.of(when + " a las " + first.get().opens());
            }
        }
        return Optional.empty();
    }
}
