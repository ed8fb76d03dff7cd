package io.liora.bench;

import java.util.List;

/** What one customer writes, in order: texts, and taps on the products the bot listed. */
record Script(String name, List<Step> steps) {

    /** One message: a text, or a tapped list row (its id is what the bot put in the list). */
    record Step(String text, String replyId) {

        static Step text(String text) {
            return new Step(text, null);
        }

        static Step pick(String sku) {
            return new Step(null, "catalogo.producto:" + sku);
        }
    }

    /** The mix: greetings, catalog searches, product picks, vida sana, reciclaje and free text. */
    static final List<Script> MIX = List.of(
            new Script("greet-search-pick", List.of(Step.text("hola"), Step.text("buscar café"), Step.pick("CAF-001"))),
            new Script("vida-sana", List.of(Step.text("vida sana"))),
            new Script("reciclaje-free-text", List.of(Step.text("reciclaje"), Step.text("¿a qué hora abren?"))),
            new Script("catalogo", List.of(Step.text("catalogo"))),
            new Script("search-pick", List.of(Step.text("buscar té verde"), Step.pick("TE-001"))));

    /** Messages per conversation, on average over the mix. */
    static double meanLength() {
        return MIX.stream().mapToInt(s -> s.steps().size()).average().orElse(1);
    }
}
