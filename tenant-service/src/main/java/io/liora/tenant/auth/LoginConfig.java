package io.liora.tenant.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Brute-force protection of {@code POST /auth/login}. */
@ConfigMapping(prefix = "liora.login")
public interface LoginConfig {

    /** Failed logins one source may make for one account within {@link #window()} before it gets 429. */
    @WithDefault("5")
    int maxFailures();

    /** Failed logins one source may make for any accounts within {@link #window()} (password spraying). */
    @WithDefault("50")
    int maxSourceFailures();

    /** The window failures are counted in, and how long a blocked source stays blocked. */
    @WithDefault("PT15M")
    Duration window();
}
