package io.liora.conversation.handoff;

import io.liora.conversation.clients.IntegrationsApi;
import io.liora.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The templates an agent can send from the inbox: the tenant's APPROVED ones whose only variables
 * are the body's (the inbox fills those, and a media header's link), read from integrations-service,
 * where they are kept.
 */
@ApplicationScoped
public class ApprovedTemplates {

    private final IntegrationsApi integrations;

    public ApprovedTemplates(@RestClient IntegrationsApi integrations) {
        this.integrations = integrations;
    }

    public Uni<List<ConversationDtos.TemplateOption>> of(UUID clienteId) {
        return integrations.templates(clienteId.toString(), clienteId, "APPROVED", 100)
                .onFailure().transform(e -> new ProblemException("templates-unavailable", 503, "Templates not available now",
                        "integrations-service, which keeps the templates, could not be reached; try again shortly"))
                .map(page -> page.items().stream()
                        .filter(t -> t.headerVariables() == 0)
                        .map(t -> new ConversationDtos.TemplateOption(t.name(), t.language(), t.category(), body(t),
                                t.bodyVariables(), t.headerMedia()))
                        .toList());
    }

    private static String body(IntegrationsApi.Template template) {
        return template.components().stream()
                .filter(c -> "BODY".equalsIgnoreCase(String.valueOf(c.get("type"))))
                .map(c -> String.valueOf(c.getOrDefault("text", "")))
                .findFirst().orElse("");
    }
}
