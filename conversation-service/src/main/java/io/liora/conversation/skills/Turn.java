package io.liora.conversation.skills;

import io.liora.conversation.policy.BotPolicy;
import io.liora.conversation.router.Intent;
import java.util.UUID;

/**
 * One customer message, routed, as a skill sees it.
 *
 * @param clienteId   the tenant
 * @param slug        the tenant's slug (UTM campaign, link tags)
 * @param profileName the customer's WhatsApp name, if any
 * @param intent      what the message asks for
 * @param policy      the tenant's bot policy (skills, texts)
 */
public record Turn(UUID clienteId, String slug, String profileName, Intent intent, BotPolicy policy) {

    public String tenantHeader() {
        return clienteId.toString();
    }

    /** The tenant's text for {@code key}, or ours. */
    public String text(String key, String ours) {
        return policy.text(key, ours);
    }

    public String firstName() {
        if (profileName == null || profileName.isBlank()) {
            return null;
        }
        return profileName.strip().split("\\s+")[0];
    }
}
