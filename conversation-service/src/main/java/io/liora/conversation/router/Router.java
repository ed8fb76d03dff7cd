package io.liora.conversation.router;

import io.liora.conversation.clients.IntegrationsApi;
import io.liora.conversation.processing.InboxConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Finds what a message asks for, in this order: (1) the id of a tapped button or list row,
 * (2) the continuation of the contact's active flow (the term after "buscar"), (3) keyword rules,
 * (4) integrations-service's intent fallback, (5) a first contact's greeting; else no match.
 */
@ApplicationScoped
public class Router {

    private static final Set<String> INTENTS = Set.of(Intent.MENU, Intent.CATEGORIES, Intent.CATEGORY, Intent.SEARCH,
            Intent.PRODUCT, Intent.HEALTH_MENU, Intent.NUTRITION, Intent.ACTIVITY, Intent.REST, Intent.RECYCLING,
            Intent.HUMAN);
    private static final List<Map<String, String>> FALLBACK_INTENTS = List.of(
            Map.of("name", Intent.CATEGORIES, "description", "ver el catálogo o las categorías de productos"),
            Map.of("name", Intent.SEARCH, "description", "buscar o preguntar por un producto concreto"),
            Map.of("name", Intent.HEALTH_MENU, "description", "consejos de vida sana en general"),
            Map.of("name", Intent.NUTRITION, "description", "alimentación, comida, dieta"),
            Map.of("name", Intent.ACTIVITY, "description", "ejercicio, deporte, actividad física"),
            Map.of("name", Intent.REST, "description", "sueño, dormir, descanso"),
            Map.of("name", Intent.RECYCLING, "description", "reciclaje y residuos"),
            Map.of("name", Intent.HUMAN, "description", "hablar con una persona"),
            Map.of("name", Intent.MENU, "description", "saludo o pedir el menú de opciones"));

    /** What the router needs of a message and of the contact's conversation. */
    public record Input(String text, String replyId, String flow, String step, boolean firstContact) {
    }

    private final IntegrationsApi integrations;
    private final InboxConfig config;

    public Router(@RestClient IntegrationsApi integrations, InboxConfig config) {
        this.integrations = integrations;
        this.config = config;
    }

    public Uni<Intent> route(String tenant, Input input) {
        if (input.replyId() != null) {
            String[] parts = input.replyId().split(":", 2);
            if (INTENTS.contains(parts[0])) {
                return Uni.createFrom().item(Intent.rule(parts[0], parts.length > 1 ? parts[1] : null, "interactive"));
            }
        }
        if (Intent.SEARCH.equals(input.flow()) && "term".equals(input.step()) && hasText(input)) {
            var keyword = KeywordRules.match(input.text());
            // "menu" or another skill's word ends the search instead of being searched for
            if (keyword.isPresent() && !Intent.SEARCH.equals(keyword.get().name())) {
                return Uni.createFrom().item(keyword.get());
            }
            return Uni.createFrom().item(Intent.rule(Intent.SEARCH, input.text().strip(), "flow"));
        }
        if (hasText(input)) {
            var keyword = KeywordRules.match(input.text());
            if (keyword.isPresent()) {
                return Uni.createFrom().item(keyword.get());
            }
        }
        Uni<Intent> fallback = hasText(input) && config.nlpFallback() ? classify(tenant, input.text())
                : Uni.createFrom().item(Intent.none());
        return fallback.map(intent -> !intent.matched() && input.firstContact()
                ? Intent.rule(Intent.MENU, null, "greeting") : intent);
    }

    private Uni<Intent> classify(String tenant, String text) {
        return integrations.classify(tenant, Map.of("text", text, "intents", FALLBACK_INTENTS))
                .map(answer -> INTENTS.contains(answer.intent()) && answer.confidence() >= config.nlpMinConfidence()
                        ? new Intent(answer.intent(), Intent.SEARCH.equals(answer.intent()) ? text : null, "nlp",
                                answer.confidence())
                        : Intent.none())
                // the fallback is a nicety: when it is down the message is simply unmatched
                .onFailure().recoverWithItem(Intent.none());
    }

    private static boolean hasText(Input input) {
        return input.text() != null && !input.text().isBlank();
    }
}
