package io.liora.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.liora.common.text.TextNormalizer;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void ignoresCaseAccentsAndPunctuation() {
        assertThat(TextNormalizer.normalize("¡Catálogo!")).isEqualTo("catalogo");
        assertThat(TextNormalizer.normalize("  Café   con   LECHE... ")).isEqualTo("cafe con leche");
        assertThat(TextNormalizer.normalize("Ñandú pingüino")).isEqualTo("nandu pinguino");
        assertThat(TextNormalizer.normalize("zapatillas-running/2024")).isEqualTo("zapatillas running 2024");
        assertThat(TextNormalizer.normalize(null)).isEmpty();
    }
}
