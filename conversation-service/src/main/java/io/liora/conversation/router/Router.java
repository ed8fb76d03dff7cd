package io.liora.conversation.router;

import io.liora.conversation.clients.IntegrationsApi;
import io.liora.conversation.processing.InboxConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import io.liora.conversation.skills.ecommerce.ActiveCatalogs;
import io.liora.conversation.understanding.Lexicon;
import io.liora.conversation.understanding.Understanding;
import io.liora.index.CatalogIndex;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Finds what a message asks for, in this order: (1) the id of a tapped button or list row,
 * (2) the continuation of the contact's active flow (the term after "buscar"), (3) the offline
 * {@link Understanding} (keyword rules, product questions against the tenant's active catalog, the
 * intent classifier), (4) integrations-service's intent fallback when that found nothing, (5) a
 * first contact's greeting; else no match.
 */
@ApplicationScoped
public class Router {

    private static final Set<String> INTENTS = Set.of(Intent.MENU, Intent.CATEGORIES, Intent.CATEGORY, Intent.SEARCH,
            Intent.PRODUCT, Intent.HEALTH_MENU, Intent.NUTRITION, Intent.ACTIVITY, Intent.REST, Intent.RECYCLING,
            Intent.HUMAN);
    private static final List<IntegrationsApi.IntentOption> FALLBACK_INTENTS = List.of(
            new IntegrationsApi.IntentOption(Intent.CATEGORIES, "ver el catálogo o las categorías de productos"),
            new IntegrationsApi.IntentOption(Intent.SEARCH, "buscar o preguntar por un producto concreto"),
            new IntegrationsApi.IntentOption(Intent.HEALTH_MENU, "consejos de vida sana en general"),
            new IntegrationsApi.IntentOption(Intent.NUTRITION, "alimentación, comida, dieta"),
            new IntegrationsApi.IntentOption(Intent.ACTIVITY, "ejercicio, deporte, actividad física"),
            new IntegrationsApi.IntentOption(Intent.REST, "sueño, dormir, descanso"),
            new IntegrationsApi.IntentOption(Intent.RECYCLING, "reciclaje y residuos"),
            new IntegrationsApi.IntentOption(Intent.HUMAN, "hablar con una persona"),
            new IntegrationsApi.IntentOption(Intent.MENU, "saludo o pedir el menú de opciones"));

    /**
     * What the router needs of a message and of the contact's conversation.
     *
     * @param catalog whether the tenant offers its catalog (then product questions are read against it)
     */
    public record Input(String text, String replyId, String flow, String step, boolean firstContact, boolean catalog) {
    }

    private final IntegrationsApi integrations;
    private final InboxConfig config;
    private final Understanding understanding;
    private final ActiveCatalogs catalogs;

    public Router(@RestClient IntegrationsApi integrations, InboxConfig config, Understanding understanding,
            ActiveCatalogs catalogs) {
        this.integrations = integrations;
        this.config = config;
        this.understanding = understanding;
        this.catalogs = catalogs;
    }

    public Uni<Intent> route(UUID clienteId, Input input) {
        if (input.replyId() != null) {
            String[] parts = input.replyId().split(":", 2);
            if (INTENTS.contains(parts[0])) {
                return Uni.createFrom().item(Intent.rule(parts[0], parts.length > 1 ? parts[1] : null, "interactive"));
            }
        }
        if (Intent.SEARCH.equals(input.flow()) && "term".equals(input.step()) && hasText(input)) {
            var keyword = KeywordRules.match(Lexicon.normalize(input.text()));
            // "menu" or another skill's word ends the search instead of being searched for
            if (keyword.isPresent() && !Intent.SEARCH.equals(keyword.get().name())) {
                return Uni.createFrom().item(keyword.get());
            }
            return Uni.createFrom().item(Intent.rule(Intent.SEARCH, input.text().strip(), "flow"));
        }
        Uni<Intent> understood = hasText(input) ? catalogFor(clienteId, input)
                .map(catalog -> understanding.understand(input.text(), catalog)) : Uni.createFrom().item(Intent.none());
        return understood.chain(intent -> intent.matched() || !hasText(input) || !config.nlpFallback()
                ? Uni.createFrom().item(intent) : classify(clienteId.toString(), input.text()).map(nlp -> nlp.matched() ? nlp : intent))
                .map(intent -> !intent.matched() && input.firstContact()
                        ? Intent.rule(Intent.MENU, null, "greeting") : intent);
    }

    /**
     * The tenant's active catalog's index when the message may be about products; null when it is
     * plainly about something else, when the tenant has no catalog or does not offer it, or when
     * catalog-service cannot say (the message is then understood without it).
     */
    private Uni<CatalogIndex> catalogFor(UUID clienteId, Input input) {
        if (!input.catalog() || !understanding.mayBeAboutProducts(input.text())) {
            return Uni.createFrom().nullItem();
        }
        return catalogs.of(clienteId).map(ActiveCatalogs.Catalog::index).onFailure().recoverWithNull();
    }

    private Uni<Intent> classify(String tenant, String text) {
        return integrations.classify(tenant, new IntegrationsApi.ClassifyRequest(text, FALLBACK_INTENTS))
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
