package io.liora.conversation.router;

/**
 * What a message asks for.
 *
 * @param name       e.g. {@code catalogo.producto}; {@code none} when nothing matched
 * @param argument   what the intent is about (a sku, a category, a search term), or {@code null}
 * @param source     how it was found: interactive, flow, keyword, catalog, classifier, nlp, greeting, none
 * @param confidence 1 for rules and the catalog, the model's for the classifier and nlp
 */
public record Intent(String name, String argument, String source, double confidence) {

    public static final String NONE = "none";
    public static final String MENU = "menu";
    public static final String CATEGORIES = "catalogo.categorias";
    public static final String CATEGORY = "catalogo.categoria";
    public static final String SEARCH = "catalogo.buscar";
    public static final String PRODUCT = "catalogo.producto";
    /** A question about a product's price: searched like {@link #SEARCH}, answered price first. */
    public static final String PRICE = "catalogo.precio";
    public static final String HEALTH_MENU = "vida_sana.menu";
    public static final String NUTRITION = "vida_sana.alimentacion";
    public static final String ACTIVITY = "vida_sana.actividad";
    public static final String REST = "vida_sana.descanso";
    public static final String RECYCLING = "reciclaje.info";
    public static final String HUMAN = "humano";
    /** The classifier hesitated: the argument holds its two best intents, to ask which one was meant. */
    public static final String CLARIFY = "aclarar";
    public static final String RECYCLING_POINTS = "reciclaje.puntos";
    /** The customer asked to receive nothing more, or to receive answers again. */
    public static final String OPT_OUT = "contacto.baja";
    public static final String OPT_IN = "contacto.alta";
    /** Reactions and system messages: logged, never answered ({@code evento.reaction}). */
    public static final String EVENT_PREFIX = "evento.";

    public static Intent rule(String name, String argument, String source) {
        return new Intent(name, argument, source, 1.0);
    }

    public static Intent none() {
        return new Intent(NONE, null, NONE, 0);
    }

    public boolean matched() {
        return !NONE.equals(name);
    }

    /** The skill the intent belongs to, for the log: catalogo, vida_sana, reciclaje, menu. */
    public String skill() {
        int dot = name.indexOf('.');
        return dot < 0 ? (HUMAN.equals(name) ? "menu" : name) : name.substring(0, dot);
    }

    /** An interactive reply id: {@code name} or {@code name:argument}. */
    public static String replyId(String name, String argument) {
        return argument == null ? name : name + ":" + argument;
    }
}
