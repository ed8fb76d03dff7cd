package io.liora.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogIndexTest {

    private static final List<IndexedItem> ITEMS = List.of(
            new IndexedItem("CAF-1", "Cafetera italiana", "Cocina", "Para seis tazas"),
            new IndexedItem("CAF-2", "Café", "Despensa", null),
            new IndexedItem("TAZ-1", "Taza para café", "Cocina", null),
            new IndexedItem("CAF-3", "Café de grano", "Despensa", "Tueste medio"),
            new IndexedItem("ZAP-1", "Zapatillas trail Patagonia", "Deportes", "Suela con tacos"),
            new IndexedItem("ZAP-2", "Zapatillas running Andes", "Deportes", "Para asfalto"),
            new IndexedItem("MIE-1", "Miel de ulmo 500g", "Despensa", "Miel chilena del sur"),
            new IndexedItem("BOT-1", "Botella térmica", "Deportes", "Acero, mantiene el café caliente"),
            new IndexedItem("TE-1", "Té verde", "Despensa", null));

    private final CatalogIndex index = CatalogIndex.build(ITEMS, Synonyms.of(Map.of("zapas", List.of("zapatillas"),
            "termo", List.of("botella termica"))));

    private List<String> skus(String query) {
        return skus(query, null);
    }

    private List<String> skus(String query, String categoria) {
        return index.search(query, categoria, 10).stream().map(hit -> index.item(hit.position()).sku()).toList();
    }

    @Test
    void theExactNameComesFirstThenNamesThenCategoriesThenDescriptions() {
        assertThat(skus("CAFÉ")).containsExactly("CAF-2", "CAF-3", "TAZ-1", "CAF-1", "BOT-1");
        assertThat(skus("café grano")).containsExactly("CAF-3");
        assertThat(skus("cafe", "cocina")).containsExactly("TAZ-1", "CAF-1");
    }

    @Test
    void pluralsAccentsTyposAndSynonymsFindTheSameProducts() {
        assertThat(skus("zapatilla")).containsExactly("ZAP-2", "ZAP-1");
        assertThat(skus("sapatillas trail")).containsExactly("ZAP-1");
        assertThat(skus("zapas")).containsExactly("ZAP-2", "ZAP-1");
        assertThat(skus("termo")).containsExactly("BOT-1");
        assertThat(skus("mieles")).containsExactly("MIE-1");
        assertThat(skus("té")).containsExactly("TE-1");
    }

    @Test
    void noMatchIsAnEmptyAnswerNeverARandomProduct() {
        assertThat(skus("parkas")).isEmpty();
        assertThat(skus("de para")).isEmpty();
        assertThat(skus("100%")).isEmpty();
        assertThat(skus("")).hasSize(ITEMS.size()).first().isEqualTo("BOT-1");
        assertThat(skus("", "Deportes")).containsExactly("BOT-1", "ZAP-2", "ZAP-1");
    }

    @Test
    void shortWordsAndNumbersAreNotGuessedAt() {
        // one letter off a four-letter word is a typo; in a three-letter word or a number it is another word
        assertThat(skus("mial")).containsExactly("MIE-1");
        assertThat(skus("500g")).containsExactly("MIE-1");
        assertThat(skus("501g")).isEmpty();
    }

    @Test
    void aSearchAskedAgainGetsTheSameAnswerWithoutBeingSearchedAgain() {
        List<CatalogIndex.Hit> first = index.search("Zapatillas", null, 10);
        assertThat(index.search("zapatillas", null, 10)).as("the same words, normalised").isSameAs(first);
        assertThat(index.search("zapatillas", "Deportes", 10)).isNotSameAs(first).isEqualTo(first);
        assertThat(index.search("zapatillas", null, 1)).hasSize(1);
    }

    @Test
    void theWordsOfAMessageThatNameProducts() {
        assertThat(index.productWords("¿tienen zapas o miel?")).containsExactly("zapas", "miel");
        assertThat(index.productWords("hola, quiero comer más verduras")).isEmpty();
        assertThat(index.productWords("te quería preguntar algo")).isEmpty();
        assertThat(index.productWords("cuánto sale la sapatilla")).contains("sapatilla");
    }
}
