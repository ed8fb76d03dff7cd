package io.liora.tenant.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Brute-force protection of {@code POST /auth/login}. */
@ConfigMapping(prefix = "liora.login")
public interface LoginConfig {

    /** Failed logins an account may have within {@link #window()} before it answers 429. */
    @WithDefault("5")
    int maxFailures();

    /** The window failures are counted in, and how long a locked account stays locked. */
    @WithDefault("PT15M")
    Duration window();
}
