package io.liora.integrations.bitly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UtmLinksTest {

    @Test
    void keepsTheQueryReplacesUtmAndEncodes() {
        Map<String, String> utm = new LinkedHashMap<>();
        utm.put("source", "whatsapp");
        utm.put("medium", "chatbot");
        utm.put("campaign", "tienda ñandú");
        utm.put("content", "SKU 1/2");
        utm.put("term", "");
        assertThat(UtmLinks.withUtm("https://t.example.com/p/1?color=rojo&utm_source=old&size=M#fotos", utm))
                .isEqualTo("https://t.example.com/p/1?color=rojo&size=M&utm_source=whatsapp&utm_medium=chatbot"
                        + "&utm_campaign=tienda%20%C3%B1and%C3%BA&utm_content=SKU%201%2F2#fotos");
        assertThat(UtmLinks.withUtm("https://t.example.com", Map.of("source", "whatsapp")))
                .isEqualTo("https://t.example.com/?utm_source=whatsapp");
        assertThat(UtmLinks.withUtm("https://t.example.com/a%20b?q=caf%C3%A9", Map.of("medium", "chatbot")))
                .isEqualTo("https://t.example.com/a%20b?q=caf%C3%A9&utm_medium=chatbot");
    }
}
