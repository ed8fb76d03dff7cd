package io.liora.tenant.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How tenant-service signs tokens, and which services may ask for one. */
@ConfigMapping(prefix = "liora.tokens")
public interface TokenConfig {

    /** {@code iss} of every token; the other services verify it. */
    String issuer();

    /** {@code aud} of every token. */
    @WithDefault("liora")
    String audience();

    /** Lifetime of a staff user's token: also how long a suspended tenant's tokens can live on. */
    @WithDefault("PT15M")
    Duration userLifetime();

    /** Lifetime of a service (client-credentials) token. */
    @WithDefault("PT5M")
    Duration serviceLifetime();

    /**
     * Folder of RS256 private keys in PEM, one file per key named {@code <kid>.pem} (a Kubernetes
     * Secret mounted as a volume). Every key in it is published in the JWKS.
     */
    String keyDirectory();

    /** The {@code kid} that signs new tokens; the others only verify, during a rotation. */
    String currentKey();

    /** Services allowed the client-credentials grant, by client id. */
    Map<String, ServiceClient> clients();

    interface ServiceClient {
        /** The client's secret; empty disables the client. */
        Optional<String> secret();

        /** What its tokens may do; absent: {@code Scopes.OF_CLIENT} for the client id, else nothing. */
        Optional<Set<String>> scopes();
    }
}
