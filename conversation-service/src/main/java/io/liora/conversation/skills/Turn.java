package io.liora.conversation.skills;

import io.liora.conversation.router.Intent;
import java.util.UUID;

/**
 * One customer message, routed, as a skill sees it.
 *
 * @param clienteId   the tenant
 * @param slug        the tenant's slug (UTM campaign, link tags)
 * @param profileName the customer's WhatsApp name, if any
 * @param intent      what the message asks for
 */
public record Turn(UUID clienteId, String slug, String profileName, Intent intent) {

    public String tenantHeader() {
        return clienteId.toString();
    }

    public String firstName() {
        if (profileName == null || profileName.isBlank()) {
            return null;
        }
        return profileName.strip().split("\\s+")[0];
    }
}
