package io.liora.integrations.whatsapp;

import io.liora.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Marks a customer's message read (the blue ticks) and shows the typing indicator while the bot
 * prepares its answer. Sent at once, not through the outbox: a late read receipt is worthless.
 */
@ApplicationScoped
public class ReadReceipts {

    private final GraphApi graph;
    private final WabaCredentials credentials;
    private final WhatsAppConfig config;

    public ReadReceipts(@RestClient GraphApi graph, WabaCredentials credentials, WhatsAppConfig config) {
        this.graph = graph;
        this.credentials = credentials;
        this.config = config;
    }

    public Uni<Void> markRead(UUID clienteId, String phoneNumberId, String messageId) {
        Map<String, Object> body = Map.of("messaging_product", "whatsapp", "status", "read", "message_id", messageId,
                "typing_indicator", Map.of("type", "text"));
        return credentials.get(clienteId, phoneNumberId)
                .chain(creds -> graph.send(config.graphVersion(), phoneNumberId, "Bearer " + creds.accessToken(), body))
                .map(OutboxSender::outcome)
                .onFailure().recoverWithItem(OutboxSender::outcomeOfFailure)
                .invoke(outcome -> {
                    if (outcome.error() != null) {
                        throw new ProblemException("meta-error", 502, "Meta refused",
                                "Meta answered " + outcome.error().code() + ": " + outcome.error().title());
                    }
                }).replaceWithVoid();
    }
}
