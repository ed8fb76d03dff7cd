package io.liora.tenant.bootstrap;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** What tenant-service creates at start when it is missing. */
@ConfigMapping(prefix = "liora.bootstrap")
public interface BootstrapConfig {

    /** The first platform admin (from a Secret); created once, never changed afterwards. */
    PlatformAdmin platformAdmin();

    /** The demo tenant; only the dev and demo profiles enable it. */
    Demo demo();

    interface PlatformAdmin {
        Optional<String> email();

        Optional<String> password();
    }

    interface Demo {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("owner@demo.liora.local")
        String ownerEmail();

        Optional<String> ownerPassword();

        /** The sandbox number the demo's WABA answers on. */
        @WithDefault("100000000000001")
        String phoneNumberId();

        @WithDefault("200000000000001")
        String wabaId();

        /** The token the sandbox expects for that number. */
        Optional<String> accessToken();
    }
}
