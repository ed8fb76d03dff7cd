package io.liora.integrations.bitly;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What the link routes read and write. */
public final class LinkDtos {

    private LinkDtos() {
    }

    public record Utm(@Size(max = 100) String source, @Size(max = 100) String medium, @Size(max = 100) String campaign,
            @Size(max = 100) String content, @Size(max = 100) String term) {
    }

    public record ShortenRequest(@NotBlank @Size(max = 2048) String url, @Valid Utm utm,
            @Size(max = 10) List<@NotBlank @Size(max = 50) String> tags, @Size(max = 200) String title) {
    }

    public record BatchRequest(@NotNull @NotEmpty @Size(max = 10) List<@Valid @NotNull ShortenRequest> links) {
    }

    /**
     * @param longUrl   the URL with its UTM parameters
     * @param link      what to show: the short link, or the long URL when shortening was not possible
     * @param shortened whether {@code link} is a Bitly link
     * @param reason    why not, or {@code cached}/{@code created}
     */
    public record ShortenResult(String longUrl, String link, boolean shortened, String reason) {
    }

    public record BatchResult(List<ShortenResult> links) {
    }
}
