package io.liora.integrations.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.liora.common.problem.Problem;
import io.liora.common.problem.ProblemException;
import io.liora.integrations.whatsapp.JsonMaps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Meta's rules for a template, checked before it is submitted (a refusal by Meta takes a round
 * trip and says less), and for a template message's parameters, checked before it is queued.
 */
public final class TemplateRules {

    private static final int HEADER_MAX = 60;
    private static final int FOOTER_MAX = 60;

    private TemplateRules() {
    }

    /** A template Meta would take: one body, at most one of each other part, variables in order with examples. */
    public static void checkSubmittable(TemplateDtos.TemplateCreate template) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < template.components().size(); i++) {
            TemplateDtos.Component component = template.components().get(i);
            String at = "components[" + i + "]";
            if (seen.merge(component.type(), 1, Integer::sum) > 1) {
                errors.add(error(at + ".type", "at most one " + component.type()));
            }
            switch (component.type()) {
                case "BODY" -> checkText(errors, at, component, "body_text", 1024, true);
                case "HEADER" -> {
                    if (component.format() == null) {
                        errors.add(error(at + ".format", "TEXT is required for a header"));
                    }
                    checkText(errors, at, component, "header_text", HEADER_MAX, false);
                }
                case "FOOTER" -> {
                    if (component.text() == null || component.text().isBlank()) {
                        errors.add(error(at + ".text", "a footer needs its text"));
                    } else if (component.text().length() > FOOTER_MAX) {
                        errors.add(error(at + ".text", "at most " + FOOTER_MAX + " characters in a footer"));
                    } else if (!TemplateShape.variables(component.text()).isEmpty()) {
                        errors.add(error(at + ".text", "a footer takes no variables"));
                    }
                }
                case "BUTTONS" -> checkButtons(errors, at, component);
                default -> {
                }
            }
        }
        if (!seen.containsKey("BODY")) {
            errors.add(error("components", "a template needs a BODY"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** A body or header text: within its length, variables 1..n in order, and an example for each. */
    private static void checkText(List<Problem.FieldError> errors, String at, TemplateDtos.Component component,
            String exampleField, int max, boolean body) {
        String text = component.text();
        if (text == null || text.isBlank()) {
            errors.add(error(at + ".text", "required"));
            return;
        }
        if (text.length() > max) {
            errors.add(error(at + ".text", "at most " + max + " characters"));
        }
        TreeSet<Integer> variables = TemplateShape.variables(text);
        if (variables.isEmpty()) {
            return;
        }
        if (variables.first() != 1 || variables.last() != variables.size()) {
            errors.add(error(at + ".text", "variables are numbered {{1}}, {{2}}, ... without gaps"));
            return;
        }
        if (!body && variables.size() > 1) {
            errors.add(error(at + ".text", "a header takes at most one variable"));
            return;
        }
        JsonNode examples = component.example() == null ? null : JsonMaps.tree(component.example()).get(exampleField);
        // Meta's shape: body_text is [[one example per variable]], header_text is [one per variable]
        JsonNode values = examples != null && body && examples.isArray() ? examples.get(0) : examples;
        if (values == null || !values.isArray() || values.size() != variables.size()) {
            errors.add(error(at + ".example." + exampleField, body
                    ? "one example per variable: [[\"...\", ...]] with " + variables.size() + " values"
                    : "one example per variable: [\"...\"]"));
        }
    }

    private static void checkButtons(List<Problem.FieldError> errors, String at, TemplateDtos.Component component) {
        if (component.buttons() == null || component.buttons().isEmpty()) {
            errors.add(error(at + ".buttons", "1 to 10 buttons"));
            return;
        }
        for (int b = 0; b < component.buttons().size(); b++) {
            TemplateDtos.Button button = component.buttons().get(b);
            if ("URL".equals(button.type()) && (button.url() == null || !button.url().startsWith("https://"))) {
                errors.add(error(at + ".buttons[" + b + "].url", "an https:// address"));
            }
            if ("PHONE_NUMBER".equals(button.type()) && button.phoneNumber() == null) {
                errors.add(error(at + ".buttons[" + b + "].phone_number", "required for a call button"));
            }
        }
    }

    /**
     * A template message fits its template: the body's and the header's parameters, one per
     * variable, each a non-blank text.
     */
    public static void checkParameters(TemplateShape shape, List<Parameters> given) {
        List<Problem.FieldError> errors = new ArrayList<>();
        int body = 0;
        int header = 0;
        for (int i = 0; i < given.size(); i++) {
            Parameters component = given.get(i);
            if ("body".equals(component.type())) {
                body += component.texts().size();
            } else if ("header".equals(component.type())) {
                header += component.texts().size();
            }
            for (int p = 0; p < component.texts().size(); p++) {
                if (component.texts().get(p) == null || component.texts().get(p).isBlank()) {
                    errors.add(error("template.components[" + i + "].parameters[" + p + "].text",
                            "a text parameter, not blank"));
                }
            }
        }
        if (body != shape.bodyVariables()) {
            errors.add(error("template.components", "the template's body takes " + shape.bodyVariables()
                    + " parameters; " + body + " given"));
        }
        if (header != shape.headerVariables()) {
            errors.add(error("template.components", "the template's header takes " + shape.headerVariables()
                    + " parameters; " + header + " given"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** The text parameters a template message gives one of its components. */
    public record Parameters(String type, List<String> texts) {
    }

    private static Problem.FieldError error(String field, String message) {
        return new Problem.FieldError(field, null, message);
    }
}
