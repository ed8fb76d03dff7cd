package io.liora.conversation.webhook;

import io.liora.conversation.clients.IntegrationsApi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Hands Meta's template webhooks to integrations-service, which keeps the templates, before the
 * webhook is acknowledged: when it cannot, the webhook is answered 503 and Meta delivers it again
 * (they are rare, so they are not queued here).
 */
@ApplicationScoped
class TemplateEventForwarder {

    private final IntegrationsApi integrations;

    TemplateEventForwarder(@RestClient IntegrationsApi integrations) {
        this.integrations = integrations;
    }

    Uni<Void> forward(List<WebhookPayload.TemplateEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, Object>> batch = events.stream().map(event -> Map.<String, Object>of("waba_id",
                event.wabaId(), "field", event.field(), "value", event.value())).toList();
        return integrations.templateEvents(Map.of("events", batch));
    }
}
