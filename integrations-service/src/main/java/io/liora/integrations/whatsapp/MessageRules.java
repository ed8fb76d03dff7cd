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
        check(request, "", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** Every message of a batch checked; the fields named by their place ({@code messages[1].text}). */
    static void checkBatch(List<MessageDtos.SendRequest> requests) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            String prefix = "messages[" + i + "].";
            if ("template".equals(requests.get(i).type())) {
                errors.add(error(prefix + "type", "a batch takes text and interactive messages; queue a template alone"));
            }
            check(requests.get(i), prefix, errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static void check(MessageDtos.SendRequest request, String prefix, List<Problem.FieldError> errors) {
        if (request.to() == null && request.recipient() == null) {
            errors.add(error(prefix + "to", "a phone (to) or a business-scoped user id (recipient) is required"));
        }
        if ("text".equals(request.type()) && request.text() == null) {
            errors.add(error(prefix + "text", "required for a text message"));
        }
        if ("template".equals(request.type()) && request.template() == null) {
            errors.add(error(prefix + "template", "required for a template message"));
        }
        if ("interactive".equals(request.type())) {
            MessageDtos.Interactive interactive = request.interactive();
            if (interactive == null) {
                errors.add(error(prefix + "interactive", "required for an interactive message"));
            } else if ("button".equals(interactive.type())
                    && (interactive.action().buttons() == null || interactive.action().buttons().isEmpty())) {
                errors.add(error(prefix + "interactive.action.buttons", "a button message needs 1 to 3 reply buttons"));
            } else if ("list".equals(interactive.type())) {
                var action = interactive.action();
                if (action.sections() == null || action.sections().isEmpty()) {
                    errors.add(error(prefix + "interactive.action.sections", "a list needs sections"));
                } else if (action.sections().stream().mapToInt(s -> s.rows() == null ? 0 : s.rows().size()).sum() > 10) {
                    errors.add(error(prefix + "interactive.action.sections", "a list has at most 10 rows in all"));
                }
                if (action.button() == null || action.button().isBlank()) {
                    errors.add(error(prefix + "interactive.action.button", "a list needs its button text"));
                }
            }
        }
    }

    private static Problem.FieldError error(String field, String message) {
        return new Problem.FieldError(field, null, message);
    }
}
