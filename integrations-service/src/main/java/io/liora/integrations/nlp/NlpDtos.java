package io.liora.integrations.nlp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What {@code POST /nlp/classify} reads and answers. */
public final class NlpDtos {

    private NlpDtos() {
    }

    public record Intent(@NotBlank @Pattern(regexp = "^[a-z0-9_.]{1,80}$", message = "lower-case name, dots allowed")
            String name, @Size(max = 300) String description) {
    }

    public record ClassifyRequest(@NotBlank @Size(max = 4096) String text,
            @NotEmpty @Size(max = 50) List<@Valid Intent> intents) {
    }

    /**
     * @param intent     one of the given names, or {@code none}
     * @param confidence 0 to 1
     * @param source     {@code openai}, or why not: {@code disabled}, {@code capped}, {@code rate_limited},
     *                   {@code timeout}, {@code circuit_open}, {@code error}, {@code refused}
     */
    public record Classification(String intent, double confidence, String source) {

        static Classification none(String source) {
            return new Classification("none", 0, source);
        }
    }
}
