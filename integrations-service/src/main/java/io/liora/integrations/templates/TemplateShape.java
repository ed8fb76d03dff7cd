package io.liora.integrations.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.liora.integrations.whatsapp.JsonMaps;
import java.util.TreeSet;
import java.util.regex.Matcher;

/** How many variables a template's body and header take ({@code {{1}}} ... in order). */
public record TemplateShape(int bodyVariables, int headerVariables) {

    static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\{\\{\\s*(\\d{1,3})\\s*}}");

    /** Of a template's components, as Meta's JSON (records or maps). */
    public static TemplateShape of(Object componentsAsJson) {
        JsonNode components = JsonMaps.tree(componentsAsJson);
        int body = 0;
        int header = 0;
        for (JsonNode component : components) {
            String text = component.path("text").asText("");
            switch (component.path("type").asText("")) {
                case "BODY" -> body = variables(text).size();
                case "HEADER" -> header = variables(text).size();
                default -> {
                }
            }
        }
        return new TemplateShape(body, header);
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
