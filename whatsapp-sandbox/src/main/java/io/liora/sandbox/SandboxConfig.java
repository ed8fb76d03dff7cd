package io.liora.sandbox;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** The sandbox's settings. */
@ConfigMapping(prefix = "liora.sandbox")
public interface SandboxConfig {

    /** The Meta app secret webhooks are signed with (conversation-service's LIORA_META_APP_SECRET). */
    String appSecret();

    /** The sandbox's own address, for the short links it makes. */
    String publicUrl();

    /** Numbers known at start, {@code <phone_number_id>:<access token>}. */
    Optional<List<String>> numbers();
}
