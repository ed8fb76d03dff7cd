package io.liora.conversation.skills.ecommerce;

import io.liora.conversation.clients.CatalogApi;
import io.liora.conversation.clients.IntegrationsApi;
import io.liora.conversation.clients.Refusals;
import io.liora.conversation.router.Intent;
import io.liora.conversation.skills.Outgoing;
import io.liora.conversation.skills.Reply;
import io.liora.conversation.skills.Skill;
import io.liora.conversation.skills.Turn;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * E-commerce: categories, a category's or a search's products as list rows, and a product with
 * its price and a short tracked link (UTM source=whatsapp, medium=chatbot, campaign=tenant slug,
 * content=sku; tags cliente:slug and intent:name). A tenant without a catalog gets a polite answer.
 */
@ApplicationScoped
public class CatalogSkill implements Skill {

    static final String SEARCH_FLOW = Intent.SEARCH;
    /** catalog-service searches terms of up to this many characters. */
    static final int MAX_TERM = 200;

    private final CatalogApi catalog;
    private final ActiveCatalogs catalogs;
    private final IntegrationsApi integrations;

    public CatalogSkill(@RestClient CatalogApi catalog, ActiveCatalogs catalogs, @RestClient IntegrationsApi integrations) {
        this.catalog = catalog;
        this.catalogs = catalogs;
        this.integrations = integrations;
    }

    @Override
    public boolean handles(String intent) {
        return intent.startsWith("catalogo.");
    }

    @Override
    public Uni<Reply> reply(Turn turn) {
        Intent intent = turn.intent();
        Uni<Reply> reply = switch (intent.name()) {
            case Intent.CATEGORY -> catalogs.of(turn.clienteId()).map(active -> productList(
                    active.inCategory(intent.argument()), "en " + intent.argument()));
            case Intent.SEARCH -> intent.argument() == null || intent.argument().isBlank()
                    ? Uni.createFrom().item(Reply.of(Outgoing.text("¿Qué producto buscas? Escríbelo en un mensaje, "
                            + "por ejemplo: zapatillas")).continuing(SEARCH_FLOW, "term"))
                    : products(turn, intent.argument(), null, "para \"" + intent.argument() + "\"");
            case Intent.PRODUCT -> product(turn, intent.argument());
            default -> categories(turn);
        };
        return reply.onFailure(CatalogSkill::noCatalog).recoverWithItem(() -> Reply.of(Outgoing.text(turn.text(
                "catalogo.none", "Todavía no tenemos un catálogo publicado por aquí 🙏 Vuelve a escribirnos pronto."))));
    }

    private Uni<Reply> categories(Turn turn) {
        return catalogs.of(turn.clienteId()).map(active -> {
            List<CatalogApi.Category> categories = active.categories();
            if (categories.isEmpty()) {
                return Reply.of(Outgoing.text("Nuestro catálogo aún no tiene categorías. Escribe \"buscar\" y el "
                        + "nombre de un producto."));
            }
            List<Outgoing.Option> rows = categories.stream().map(category -> new Outgoing.Option(
                    Intent.replyId(Intent.CATEGORY, category.categoria()), category.categoria(),
                    category.items() + (category.items() == 1 ? " producto" : " productos"))).toList();
            return Reply.of(Outgoing.list("🛍️ Estas son nuestras categorías. ¿Cuál quieres ver?", "Ver categorías",
                    "Categorías", rows));
        });
    }

    /**
     * Free text is searched by catalog-service, which ranks the matches. A term it would refuse is
     * answered at once, and so is a refusal: neither gets better by trying again.
     */
    private Uni<Reply> products(Turn turn, String q, String categoria, String what) {
        if (q.codePointCount(0, q.length()) > MAX_TERM) {
            return Uni.createFrom().item(Reply.of(Outgoing.text(turn.text("catalogo.term_too_long",
                    "Esa búsqueda es demasiado larga 😅 Escríbeme solo el nombre del producto, por ejemplo: "
                            + "zapatillas"))).continuing(SEARCH_FLOW, "term"));
        }
        return catalog.search(turn.clienteId(), turn.tenantHeader(), q, categoria, 10)
                .map(list -> productList(list.items(), what))
                .onFailure(e -> Refusals.permanent(e) && !isNotFound(e)).recoverWithItem(() -> Reply.of(Outgoing.text(
                        turn.text("catalogo.search_refused", "No pude buscar eso 🙏 Prueba con otras palabras o "
                                + "escribe \"catálogo\" para ver las categorías."))));
    }

    private static Reply productList(List<CatalogApi.Item> items, String what) {
        if (items.isEmpty()) {
            return Reply.of(Outgoing.text("No encontré productos " + what + ". Prueba con otra palabra 🔎"));
        }
        List<Outgoing.Option> rows = items.stream().limit(10).map(item -> new Outgoing.Option(
                Intent.replyId(Intent.PRODUCT, item.sku()), item.nombre(),
                Prices.format(item.precio(), item.moneda())
                        + (item.descripcion() == null ? "" : " · " + item.descripcion()))).toList();
        return Reply.of(Outgoing.list("Encontré estos productos " + what + ":", "Ver productos", "Productos", rows));
    }

    private Uni<Reply> product(Turn turn, String sku) {
        return catalogs.of(turn.clienteId()).map(active -> active.bySku().get(sku))
                .onItem().ifNull().failWith(() -> new WebApplicationException(404))
                .chain(item -> integrations.shorten(turn.tenantHeader(), Map.of(
                        "url", item.url(),
                        "title", item.nombre(),
                        "utm", Map.of("source", "whatsapp", "medium", "chatbot", "campaign", turn.slug(),
                                "content", item.sku()),
                        "tags", List.of("cliente:" + turn.slug(), "intent:" + Intent.PRODUCT)))
                        .map(IntegrationsApi.ShortenResult::link)
                        // Bitly's own failures come back as the long tracked link; integrations-service
                        // refusing the request is permanent: the plain link now beats no answer. Its
                        // being unreachable is not: the message is tried again in seconds.
                        .onFailure(Refusals::permanent).recoverWithItem(item.url())
                        .map(link -> Reply.of(Outgoing.text("*" + item.nombre() + "*\n"
                                + Prices.format(item.precio(), item.moneda())
                                + (item.descripcion() == null ? "" : "\n" + item.descripcion())
                                + "\n\n👉 Cómpralo aquí: " + link))))
                .onFailure(CatalogSkill::isNotFound).recoverWithItem(Reply.of(Outgoing.text(
                        "Ese producto ya no está en el catálogo. Escribe \"catálogo\" para ver lo disponible.")));
    }

    /** catalog-service answers 404 (type catalog-not-found) for a tenant that published nothing. */
    private static boolean noCatalog(Throwable e) {
        return isNotFound(e);
    }

    private static boolean isNotFound(Throwable e) {
        return e instanceof WebApplicationException http && http.getResponse() != null
                && http.getResponse().getStatus() == 404;
    }
}
