package io.liora.integrations.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.liora.integrations.whatsapp.JsonMaps;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * How many variables a template's body and header take ({@code {{1}}} ... in order), and which media
 * its header takes from each message ({@code IMAGE}, {@code VIDEO}, {@code DOCUMENT}; {@code null} for
 * a text header or none).
 */
public record TemplateShape(int bodyVariables, int headerVariables, String headerMedia) {

    /** The header formats whose media each message gives. */
    public static final java.util.Set<String> MEDIA = java.util.Set.of("IMAGE", "VIDEO", "DOCUMENT");

    static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\{\\{\\s*(\\d{1,3})\\s*}}");

    /** Of a template's components, as Meta's JSON (records or maps). */
    public static TemplateShape of(Object componentsAsJson) {
        JsonNode components = JsonMaps.tree(componentsAsJson);
        int body = 0;
        int header = 0;
        String media = null;
        for (JsonNode component : components) {
            String text = component.path("text").asText("");
            switch (component.path("type").asText("")) {
                case "BODY" -> body = variables(text).size();
                case "HEADER" -> {
                    header = variables(text).size();
                    String format = component.path("format").asText("TEXT");
                    media = MEDIA.contains(format) ? format : null;
                }
                default -> {
                }
            }
        }
        return new TemplateShape(body, header, media);
    }

    /** The variable numbers a text uses, in order and without repeats. */
    static TreeSet<Integer> variables(String text) {
        TreeSet<Integer> numbers = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(text == null ? "" : text);
        while (matcher.find()) {
            numbers.add(Integer.parseInt(matcher.group(1)));
        }
        return numbers;
    }
}
