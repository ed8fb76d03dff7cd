package io.liora.tenant.waba;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the WABA routes read and write. The token goes in, never out (but its last 4 characters). */
public final class WabaDtos {

    static final String META_ID = "^[0-9]{1,30}$";

    private WabaDtos() {
    }

    public record WabaCreate(
            @Schema(example = "102290129340398")
            @NotBlank @Pattern(regexp = META_ID, message = "Meta's numeric id") String wabaId,
            @Schema(example = "106540352242922")
            @NotBlank @Pattern(regexp = META_ID, message = "Meta's numeric id") String phoneNumberId,
            @Schema(description = "System-user token; stored encrypted, never returned")
            @NotBlank @Size(min = 20, max = 1024) String accessToken,
            @Schema(example = "2027-06-30T00:00:00Z") Instant expiracionToken,
            @Schema(example = "https://liora.example.com/webhook/meta")
            @Size(max = 255) @Pattern(regexp = "^https://.*", message = "an https URL") String webhookUrl) {

        @Override
        public String toString() {
            return "WabaCreate[wabaId=" + wabaId + ", phoneNumberId=" + phoneNumberId + "]";
        }
    }

    /** A new token (rotation; clears needs_reauth), a new expiry, or estado activo/inactivo. */
    public record WabaPatch(
            @Size(min = 20, max = 1024) String accessToken,
            Instant expiracionToken,
            @Pattern(regexp = "^(activo|inactivo)$", message = "activo or inactivo") String estado) {

        @Override
        public String toString() {
            return "WabaPatch[estado=" + estado + "]";
        }
    }

    public record WabaView(UUID id, UUID clienteId, String wabaId, String phoneNumberId, String tokenLast4,
            Instant expiracionToken, String webhookUrl, String estado, Instant createdAt, Instant updatedAt) {

        static WabaView of(WabaAccount waba) {
            return new WabaView(waba.id, waba.clienteId, waba.wabaId, waba.phoneNumberId, waba.tokenLast4,
                    waba.expiracionToken, waba.webhookUrl, waba.estado, waba.createdAt, waba.updatedAt);
        }
    }

    /** Who owns a phone number: what the webhook needs to route a message. */
    public record NumberOwner(UUID clienteId, UUID wabaAccountId, String estado, String clienteEstado,
            String clienteSlug, String plan, java.util.Map<String, Object> policy) {
    }

    /** The decrypted credentials, for integrations-service only. */
    public record WabaCredentials(UUID clienteId, UUID wabaAccountId, String wabaId, String phoneNumberId,
            String accessToken, String estado) {

        @Override
        public String toString() {
            return "WabaCredentials[phoneNumberId=" + phoneNumberId + ", estado=" + estado + "]";
        }
    }

    /** How many tokens moved to the primary key, and the WABAs whose token could not be read. */
    public record ReEncrypted(int reencrypted, java.util.List<UUID> unreadable, String primaryKey) {
    }

    /** The shape of a page of {@link WabaView}, for the OpenAPI document. */
    public record WabaPage(java.util.List<WabaView> items, int page, int size, long total) {
    }
}
