package io.liora.integrations.whatsapp;

import io.liora.common.problem.Problem;
import io.liora.common.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;

/** The checks of a message that depend on each other (what annotations alone cannot say). */
final class MessageRules {

    private MessageRules() {
    }

    static void check(MessageDtos.SendRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.to() == null && request.recipient() == null) {
            errors.add(error("to", "a phone (to) or a business-scoped user id (recipient) is required"));
        }
        if ("text".equals(request.type()) && request.text() == null) {
            errors.add(error("text", "required for a text message"));
        }
        if ("template".equals(request.type()) && request.template() == null) {
            errors.add(error("template", "required for a template message"));
        }
        if ("interactive".equals(request.type())) {
            MessageDtos.Interactive interactive = request.interactive();
            if (interactive == null) {
                errors.add(error("interactive", "required for an interactive message"));
            } else if ("button".equals(interactive.type())
                    && (interactive.action().buttons() == null || interactive.action().buttons().isEmpty())) {
                errors.add(error("interactive.action.buttons", "a button message needs 1 to 3 reply buttons"));
            } else if ("list".equals(interactive.type())) {
                var action = interactive.action();
                if (action.sections() == null || action.sections().isEmpty()) {
                    errors.add(error("interactive.action.sections", "a list needs sections"));
                } else if (action.sections().stream().mapToInt(s -> s.rows() == null ? 0 : s.rows().size()).sum() > 10) {
                    errors.add(error("interactive.action.sections", "a list has at most 10 rows in all"));
                }
                if (action.button() == null || action.button().isBlank()) {
                    errors.add(error("interactive.action.button", "a list needs its button text"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static Problem.FieldError error(String field, String message) {
        return new Problem.FieldError(field, null, message);
    }
}
