package io.liora.conversation.skills.ecommerce;

import io.liora.conversation.clients.CatalogApi;
import io.liora.conversation.clients.IntegrationsApi;
import io.liora.conversation.router.Intent;
import io.liora.conversation.skills.Turn;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A product's tracked short link, from integrations-service once and then from memory: a link is
 * made once per tenant and tracked URL and never changes (integrations-service answers the one it
 * stored), so asking again only cost a call and a transaction per product answer. Concurrent
 * questions about one product wait for the same call. A link Bitly did not shorten is not kept,
 * so the next answer tries again. Bounded and expiring (`quarkus.cache.caffeine."product-links"`).
 */
@ApplicationScoped
class ProductLinks {

    /** What the tracked URL is made of, hence what the short link depends on. */
    private record Key(UUID clienteId, String slug, String sku, String url) {
    }

    /** Bitly's answer was the long link: answered, not kept. */
    private static final class NotShortened extends RuntimeException {
        private final String link;

        NotShortened(String link) {
            super(null, null, false, false);
            this.link = link;
        }
    }

    private final Cache links;
    private final IntegrationsApi integrations;

    ProductLinks(@CacheName("product-links") Cache links, @RestClient IntegrationsApi integrations) {
        this.links = links;
        this.integrations = integrations;
    }

    /** The item's link; a failure of integrations-service's as it came (the caller decides). */
    Uni<String> of(Turn turn, CatalogApi.Item item) {
        return links.<Key, String>getAsync(new Key(turn.clienteId(), turn.slug(), item.sku(), item.url()),
                        key -> shorten(turn, item))
                .onFailure(NotShortened.class).recoverWithItem(e -> ((NotShortened) e).link);
    }

    private Uni<String> shorten(Turn turn, CatalogApi.Item item) {
        return integrations.shorten(turn.tenantHeader(), new IntegrationsApi.ShortenRequest(item.url(), item.nombre(),
                        new IntegrationsApi.Utm("whatsapp", "chatbot", turn.slug(), item.sku()),
                        List.of("cliente:" + turn.slug(), "intent:" + Intent.PRODUCT)))
                .map(result -> {
                    if (!result.shortened()) {
                        throw new NotShortened(result.link());
                    }
                    return result.link();
                });
    }
}
