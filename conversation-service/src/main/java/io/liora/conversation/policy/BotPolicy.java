package io.liora.conversation.policy;

import io.liora.conversation.handoff.BusinessHours;
import io.liora.conversation.router.NoMatchBackoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a tenant's bot behaves: its plan's skills unless its policy names others, its own texts
 * where it replaced ours, its no-match parameters, its reply cap. Read from tenant-service with the
 * number's owner (the policy_service of the seed).
 */
public final class BotPolicy {

    /** Skills by plan, when the tenant names none. */
    private static final Map<String, Set<String>> PLAN_SKILLS = Map.of(
            "free", Set.of("catalogo", "vida_sana"),
            "pro", Set.of("catalogo", "vida_sana", "reciclaje"),
            "enterprise", Set.of("catalogo", "vida_sana", "reciclaje"));
    private static final int DEFAULT_REPLIES_PER_MINUTE = 600;
    /** A conversation a person holds goes back to the bot after this long without a message either way. */
    private static final int DEFAULT_HANDOFF_IDLE_MINUTES = 60;

    /** A place that takes recyclables, as the tenant configured it. */
    public record RecyclingPoint(String name, String address, double lat, double lon, String accepts) {
    }

    private final Set<String> skills;
    private final Map<String, String> texts;
    private final NoMatchBackoff.Params nomatch;
    private final int repliesPerMinute;
    private final Consent consent;
    private final List<RecyclingPoint> recyclingPoints;
    private final Duration handoffIdle;
    private final BusinessHours businessHours;

    private BotPolicy(Set<String> skills, Map<String, String> texts, NoMatchBackoff.Params nomatch, int repliesPerMinute,
            Consent consent, List<RecyclingPoint> recyclingPoints, Duration handoffIdle, BusinessHours businessHours) {
        this.skills = skills;
        this.texts = texts;
        this.nomatch = nomatch;
        this.repliesPerMinute = repliesPerMinute;
        this.consent = consent;
        this.recyclingPoints = recyclingPoints;
        this.handoffIdle = handoffIdle;
        this.businessHours = businessHours;
    }

    public static BotPolicy defaults() {
        return of("pro", Map.of());
    }

    @SuppressWarnings("unchecked")
    public static BotPolicy of(String plan, Map<String, Object> policy) {
        Map<String, Object> p = policy == null ? Map.of() : policy;
        Set<String> skills = p.get("enabled_skills") instanceof List<?> list
                ? Set.copyOf((List<String>) list) : PLAN_SKILLS.getOrDefault(plan, PLAN_SKILLS.get("free"));
        Map<String, String> texts = p.get("texts") instanceof Map<?, ?> map ? Map.copyOf((Map<String, String>) map) : Map.of();
        Map<String, Object> nm = p.get("nomatch") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        NoMatchBackoff.Params params = new NoMatchBackoff.Params(
                number(nm.get("min_rate"), NoMatchBackoff.MIN_RATE),
                number(nm.get("increase"), NoMatchBackoff.INCREASE),
                (int) number(nm.get("offer_human_after"), NoMatchBackoff.OFFER_HUMAN_AFTER));
        int cap = (int) number(p.get("reply_rate_per_minute"), DEFAULT_REPLIES_PER_MINUTE);
        Consent consent = Consent.of(strings(p.get("opt_out_keywords")), strings(p.get("opt_in_keywords")));
        Map<String, Object> handoff = p.get("handoff") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        Duration idle = Duration.ofMinutes((long) number(handoff.get("idle_minutes"), DEFAULT_HANDOFF_IDLE_MINUTES));
        return new BotPolicy(skills, texts, params, cap, consent, points(p.get("recycling_points")), idle,
                BusinessHours.of(handoff.get("business_hours")));
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    private static List<RecyclingPoint> points(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<RecyclingPoint> points = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> point && point.get("lat") instanceof Number lat
                    && point.get("lon") instanceof Number lon && point.get("name") instanceof String name) {
                points.add(new RecyclingPoint(name, point.get("address") instanceof String a ? a : null,
                        lat.doubleValue(), lon.doubleValue(), point.get("accepts") instanceof String s ? s : null));
            }
        }
        return List.copyOf(points);
    }

    /** Whether customers are offered this skill ({@code catalogo}, {@code vida_sana}, {@code reciclaje}). */
    public boolean enabled(String skill) {
        return skills.contains(skill);
    }

    /** The tenant's text for {@code key}, or ours. */
    public String text(String key, String ours) {
        return texts.getOrDefault(key, ours);
    }

    public NoMatchBackoff.Params nomatch() {
        return nomatch;
    }

    public int repliesPerMinute() {
        return repliesPerMinute;
    }

    /** What opts a customer out and back in. */
    public Consent consent() {
        return consent;
    }

    public List<RecyclingPoint> recyclingPoints() {
        return recyclingPoints;
    }

    /** How long a conversation a person holds (or waits for) may stay quiet before the bot takes it back. */
    public Duration handoffIdle() {
        return handoffIdle;
    }

    /** When the tenant's people answer. */
    public BusinessHours businessHours() {
        return businessHours;
    }

    private static double number(Object value, double fallback) {
        return value instanceof Number n ? n.doubleValue() : fallback;
    }
}
