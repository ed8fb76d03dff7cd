package io.liora.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox account's message templates, in memory. Review rule (documented in
 * docs/architecture.md): a template whose name contains {@code rechaz} or
 * {@code reject} is REJECTED (reason INVALID_FORMAT); every other one is APPROVED, a moment after
 * it was submitted.
 */
@ApplicationScoped
public class Templates {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*(\\d{1,3})\\s*}}");

    /** One template, as Meta lists it. */
    public record Template(String id, String name, String language, String category,
            List<Map<String, Object>> components, String status, String reason) {

        Template decided(String newStatus, String newReason) {
            return new Template(id, name, language, category, components, newStatus, newReason);
        }

        Map<String, Object> listed() {
            return Map.of("id", id, "name", name, "language", language, "category", category, "status", status,
                    "components", components);
        }
    }

    private final Map<String, Template> byId = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(900_000_000_000_000L);

    public Template submit(String name, String language, String category, List<Map<String, Object>> components) {
        Template template = new Template(String.valueOf(ids.incrementAndGet()), name, language, category,
                components, "PENDING", null);
        byId.put(template.id(), template);
        return template;
    }

    /** The review rule; the decided template, or empty when it was deleted meanwhile. */
    public Optional<Template> review(String id) {
        return Optional.ofNullable(byId.computeIfPresent(id, (key, template) -> {
            String name = template.name().toLowerCase(Locale.ROOT);
            return name.contains("rechaz") || name.contains("reject") ? template.decided("REJECTED", "INVALID_FORMAT")
                    : template.decided("APPROVED", "NONE");
        }));
    }

    public Optional<Template> find(String name, String language) {
        return byId.values().stream().filter(t -> t.name().equals(name) && t.language().equals(language)).findFirst();
    }

    public List<Template> all() {
        return List.copyOf(byId.values());
    }

    public boolean delete(String name) {
        return byId.values().removeIf(template -> template.name().equals(name));
    }

    /**
     * The header's media a template message gives (its {@code image}, {@code video} or {@code document}
     * object), when the template's header is of that format; else {@code null}.
     */
    static Map<?, ?> headerMedia(Template template, Map<String, Object> message) {
        String format = mediaFormat(template);
        if (format == null || !(message.get("components") instanceof List<?> components)) {
            return null;
        }
        for (Object component : components) {
            if (component instanceof Map<?, ?> c && "header".equals(c.get("type"))
                    && c.get("parameters") instanceof List<?> parameters) {
                for (Object parameter : parameters) {
                    if (parameter instanceof Map<?, ?> p && format.equalsIgnoreCase(String.valueOf(p.get("type")))
                            && p.get(format.toLowerCase()) instanceof Map<?, ?> media
                            && (media.get("link") != null || media.get("id") != null)) {
                        return media;
                    }
                }
            }
        }
        return null;
    }

    /** IMAGE, VIDEO or DOCUMENT when the template's header takes that media from each message; else null. */
    static String mediaFormat(Template template) {
        return template.components().stream().filter(c -> "HEADER".equals(c.get("type")))
                .map(c -> String.valueOf(c.get("format"))).filter(f -> List.of("IMAGE", "VIDEO", "DOCUMENT").contains(f))
                .findFirst().orElse(null);
    }

    /**
     * The message as the customer reads it: a media header's link on its own line (📷 image, 🎬 video,
     * 📄 document with its file name), then the body with each {{n}} replaced by the n-th body parameter.
     */
    static String render(Template template, Map<String, Object> message) {
        Map<?, ?> media = headerMedia(template, message);
        String header = media == null ? "" : switch (mediaFormat(template)) {
            case "IMAGE" -> "📷 ";
            case "VIDEO" -> "🎬 ";
            default -> "📄 " + (media.get("filename") == null ? "" : media.get("filename") + " ");
        } + (media.get("link") != null ? media.get("link") : "media " + media.get("id")) + "\n";
        return header + renderBody(template, message);
    }

    @SuppressWarnings("unchecked")
    private static String renderBody(Template template, Map<String, Object> message) {
        String body = template.components().stream().filter(c -> "BODY".equals(c.get("type")))
                .map(c -> String.valueOf(c.get("text"))).findFirst().orElse(template.name());
        List<String> values = new java.util.ArrayList<>();
        if (message.get("components") instanceof List<?> components) {
            for (Object component : components) {
                if (component instanceof Map<?, ?> c && "body".equals(c.get("type"))
                        && c.get("parameters") instanceof List<?> parameters) {
                    parameters.forEach(p -> values.add(String.valueOf(((Map<String, Object>) p).get("text"))));
                }
            }
        }
        Matcher matcher = VARIABLE.matcher(body);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            int n = Integer.parseInt(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(n <= values.size() ? values.get(n - 1) : matcher.group()));
        }
        return matcher.appendTail(out).toString();
    }
}
