package io.liora.conversation.skills.ecommerce;

import io.liora.conversation.clients.CatalogApi;
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

/**
 * E-commerce: categories, a category's or a search's products as list rows, and a product with
 * its price and a short tracked link (UTM source=whatsapp, medium=chatbot, campaign=tenant slug,
 * content=sku; tags cliente:slug and intent:name). A tenant without a catalog gets a polite answer.
 */
@ApplicationScoped
public class CatalogSkill implements Skill {

    static final String SEARCH_FLOW = Intent.SEARCH;
    /** Longer than this, a search term is not a product's name (catalog-service refuses it too). */
    static final int MAX_TERM = 200;

    private final ActiveCatalogs catalogs;
    private final ProductLinks links;

    CatalogSkill(ActiveCatalogs catalogs, ProductLinks links) {
        this.catalogs = catalogs;
        this.links = links;
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
            case Intent.SEARCH, Intent.PRICE -> intent.argument() == null || intent.argument().isBlank()
                    ? Uni.createFrom().item(Reply.of(Outgoing.text("¿Qué producto buscas? Escríbelo en un mensaje, "
                            + "por ejemplo: zapatillas")).continuing(SEARCH_FLOW, "term"))
                    : products(turn, intent.argument(), Intent.PRICE.equals(intent.name()));
            case Intent.PRODUCT -> product(turn, intent.argument());
            default -> categories(turn);
        };
        return reply.onFailure(CatalogSkill::noCatalog).recoverWithItem(() -> Reply.of(Outgoing.text(turn.text(
                "catalogo.none", "Todavía no tenemos un catálogo publicado por aquí 🙏 Vuelve a escribirnos pronto."))))
                // catalog-service refusing for good: the customer hears it now; trying again would not help
                .onFailure(Refusals::permanent).recoverWithItem(() -> Reply.of(Outgoing.text(turn.text(
                        "catalogo.search_refused", "No pude buscar eso 🙏 Prueba con otras palabras o escribe "
                                + "\"catálogo\" para ver las categorías."))));
    }

    private Uni<Reply> categories(Turn turn) {
        return catalogs.of(turn.clienteId()).map(active -> {
            List<CatalogApi.Category> categories = active.categories();
            if (categories.isEmpty()) {
                return Reply.of(Outgoing.text("Nuestro catálogo aún no tiene categorías. Escribe \"buscar\" y el "
                        + "nombre de un producto."));
            }
            return Reply.of(Outgoing.list("🛍️ Estas son nuestras categorías. ¿Cuál quieres ver?", "Ver categorías",
                    "Categorías", categoryRows(categories)));
        });
    }

    /**
     * Free text is searched in the tenant's active catalog (plurals, accents, typos, the tenant's
     * synonyms). One product that clearly stands out is answered as that product with its link
     * (its price first when the price was asked); several as a list; none with an honest "no
     * tenemos" and the categories, never another product. A term too long to be a product's name is
     * answered at once.
     */
    private Uni<Reply> products(Turn turn, String q, boolean price) {
        if (q.codePointCount(0, q.length()) > MAX_TERM) {
            return Uni.createFrom().item(Reply.of(Outgoing.text(turn.text("catalogo.term_too_long",
                    "Esa búsqueda es demasiado larga 😅 Escríbeme solo el nombre del producto, por ejemplo: "
                            + "zapatillas"))).continuing(SEARCH_FLOW, "term"));
        }
        return catalogs.of(turn.clienteId()).chain(active -> {
            ActiveCatalogs.Found found = active.search(q, 10);
            if (found.clearly() != null) {
                return productReply(turn, found.clearly(), price);
            }
            if (found.items().isEmpty()) {
                return Uni.createFrom().item(notCarried(turn, active, q));
            }
            return Uni.createFrom().item(productList(found.items(), (price ? "y sus precios " : "") + "para \"" + q + "\""));
        });
    }

    /** Nothing matches: said plainly, with the categories to choose from in the same message. */
    private static Reply notCarried(Turn turn, ActiveCatalogs.Catalog active, String q) {
        String body = turn.text("catalogo.not_carried", "No tenemos \"{q}\" por ahora 🙏").replace("{q}", q);
        List<CatalogApi.Category> categories = active.categories();
        if (categories.isEmpty()) {
            return Reply.of(Outgoing.text(body));
        }
        return Reply.of(Outgoing.list(body + " Estas son nuestras categorías:", "Ver categorías", "Categorías",
                categoryRows(categories)));
    }

    private static List<Outgoing.Option> categoryRows(List<CatalogApi.Category> categories) {
        return categories.stream().map(category -> new Outgoing.Option(
                Intent.replyId(Intent.CATEGORY, category.categoria()), category.categoria(),
                category.items() + (category.items() == 1 ? " producto" : " productos"))).toList();
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
                .chain(item -> productReply(turn, item, false))
                .onFailure(CatalogSkill::isNotFound).recoverWithItem(Reply.of(Outgoing.text(
                        "Ese producto ya no está en el catálogo. Escribe \"catálogo\" para ver lo disponible.")));
    }

    /** A product with its tracked short link; the price in the first line when it was asked. */
    private Uni<Reply> productReply(Turn turn, CatalogApi.Item item, boolean priceFirst) {
        return links.of(turn, item)
                // Bitly's own failures come back as the long tracked link (ProductLinks); integrations-service
                // refusing the request is permanent: the plain link now beats no answer. Its
                // being unreachable is not: the message is tried again in seconds.
                .onFailure(Refusals::permanent).recoverWithItem(item.url())
                .map(link -> Reply.of(Outgoing.text((priceFirst
                        ? "*" + item.nombre() + "* cuesta *" + Prices.format(item.precio(), item.moneda()) + "*"
                        : "*" + item.nombre() + "*\n" + Prices.format(item.precio(), item.moneda()))
                        + (item.descripcion() == null ? "" : "\n" + item.descripcion())
                        + (item.stock() == null ? "" : item.stock() > 0 ? "\n✅ Disponible" : "\n⏳ Sin stock por ahora")
                        + "\n\n👉 Cómpralo aquí: " + link)));
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
