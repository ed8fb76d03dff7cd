package io.liora.conversation.webhook;

import io.smallrye.config.ConfigMapping;
import java.util.List;

/** The Meta app's webhook settings (Secrets). */
@ConfigMapping(prefix = "liora.meta")
public interface MetaConfig {

    /** What Meta sends as {@code hub.verify_token} when the webhook is subscribed. */
    String verifyToken();

    /**
     * The app secret(s) that sign webhooks; two during a rotation (comma-separated), the new one
     * first.
     */
    List<String> appSecrets();
}
