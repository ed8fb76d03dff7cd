package io.liora.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.liora.conversation.router.Intent;
import io.liora.conversation.router.KeywordRules;
import org.junit.jupiter.api.Test;

class KeywordRulesTest {

    @Test
    void matchesIgnoringCaseAccentsAndPunctuation() {
        assertThat(intent("¡Hola!")).isEqualTo(Intent.MENU);
        assertThat(intent("¿Tienen CATÁLOGO?")).isEqualTo(Intent.CATEGORIES);
        assertThat(intent("quiero consejos de alimentación")).isEqualTo(Intent.NUTRITION);
        assertThat(intent("no puedo DORMIR")).isEqualTo(Intent.REST);
        assertThat(intent("vida sana")).isEqualTo(Intent.HEALTH_MENU);
        assertThat(intent("¿dónde reciclo el vidrio?")).isEqualTo(Intent.RECYCLING);
        assertThat(intent("quiero hablar con una persona")).isEqualTo(Intent.HUMAN);
    }

    @Test
    void searchTakesTheRestAsTheTerm() {
        Intent search = KeywordRules.match("Buscar zapatillas running").orElseThrow();
        assertThat(search.name()).isEqualTo(Intent.SEARCH);
        assertThat(search.argument()).isEqualTo("zapatillas running");
        assertThat(KeywordRules.match("busco").orElseThrow().argument()).isNull();
    }

    @Test
    void wholeWordsOnly() {
        assertThat(KeywordRules.match("olas gigantes")).isEmpty();
        assertThat(KeywordRules.match("asdf qwerty")).isEmpty();
        assertThat(KeywordRules.match("  ¿¿??  ")).isEmpty();
    }

    private static String intent(String text) {
        return KeywordRules.match(text).orElseThrow().name();
    }
}
