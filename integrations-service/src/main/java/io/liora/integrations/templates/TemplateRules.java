package io.liora.integrations.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.liora.common.problem.Problem;
import io.liora.common.net.PublicUrls;
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
                        errors.add(error(at + ".format", "TEXT, IMAGE, VIDEO or DOCUMENT is required for a header"));
                    } else if (TemplateShape.MEDIA.contains(component.format())) {
                        checkMediaHeader(errors, at, component);
                    } else {
                        checkText(errors, at, component, "header_text", HEADER_MAX, false);
                    }
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

    /** A media header has no text and one sample, by the handle Meta's Resumable Upload API gave it. */
    private static void checkMediaHeader(List<Problem.FieldError> errors, String at, TemplateDtos.Component component) {
        if (component.text() != null) {
            errors.add(error(at + ".text", "a " + component.format() + " header has no text"));
        }
        JsonNode handles = component.example() == null ? null : JsonMaps.tree(component.example()).get("header_handle");
        if (handles == null || !handles.isArray() || handles.size() != 1 || handles.get(0).asText("").isBlank()) {
            errors.add(error(at + ".example.header_handle", "one sample of the " + component.format().toLowerCase()
                    + ": [\"<handle>\"], the handle Meta's Resumable Upload API answers for the uploaded file"));
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
     * A template message fits its template: the body's and the header's text parameters, one per
     * variable, each a non-blank text; and a media header's one parameter of its type, by a public
     * {@code https} link (Meta fetches it) or the id of media uploaded to Meta.
     */
    public static void checkParameters(TemplateShape shape, List<Parameters> given) {
        List<Problem.FieldError> errors = new ArrayList<>();
        int body = 0;
        int header = 0;
        int media = 0;
        for (int i = 0; i < given.size(); i++) {
            Parameters component = given.get(i);
            for (int p = 0; p < component.values().size(); p++) {
                Parameter parameter = component.values().get(p);
                String at = "template.components[" + i + "].parameters[" + p + "]";
                if ("text".equals(parameter.type())) {
                    if ("body".equals(component.type())) {
                        body++;
                    } else {
                        header++;
                    }
                    if (parameter.text() == null || parameter.text().isBlank()) {
                        errors.add(error(at + ".text", "a text parameter, not blank"));
                    }
                } else if (!"header".equals(component.type())) {
                    errors.add(error(at + ".type", "only a header takes " + parameter.type()));
                } else if (shape.headerMedia() == null || !shape.headerMedia().equalsIgnoreCase(parameter.type())) {
                    errors.add(error(at + ".type", shape.headerMedia() == null ? "the template's header takes no media"
                            : "the template's header takes " + shape.headerMedia().toLowerCase()));
                } else {
                    media++;
                    checkMedia(errors, at + "." + parameter.type(), parameter);
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
        if (shape.headerMedia() != null && media != 1) {
            errors.add(error("template.components", "the template's header takes one "
                    + shape.headerMedia().toLowerCase() + " ({\"type\": \"header\", \"parameters\": [{\"type\": \""
                    + shape.headerMedia().toLowerCase() + "\", ...}]}); " + media + " given"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static void checkMedia(List<Problem.FieldError> errors, String at, Parameter parameter) {
        if ((parameter.mediaLink() == null) == (parameter.mediaId() == null)) {
            errors.add(error(at, "a link or an id (of media uploaded to Meta), one of them"));
        } else if (parameter.mediaLink() != null && PublicUrls.problem(parameter.mediaLink()) != null) {
            errors.add(error(at + ".link", PublicUrls.problem(parameter.mediaLink())));
        }
    }

    /** The parameters a template message gives one of its components ({@code header} or {@code body}). */
    public record Parameters(String type, List<Parameter> values) {
    }

    /** One parameter: a text, or a media header's link or uploaded media id. */
    public record Parameter(String type, String text, String mediaLink, String mediaId) {
    }

    private static Problem.FieldError error(String field, String message) {
        return new Problem.FieldError(field, null, message);
    }
}
