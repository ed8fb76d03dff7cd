package io.liora.common.security;

import java.util.Set;

/** The roles a Liora token carries in {@code rol} and {@code groups}. */
public final class Roles {

    /** Operates the platform; has no tenant of its own and selects one with {@code X-Client-ID}. */
    public static final String PLATFORM_ADMIN = "platform_admin";
    /** Owns a tenant. */
    public static final String OWNER = "owner";
    /** Administers a tenant. */
    public static final String ADMIN = "admin";
    /** Works a tenant's conversations. */
    public static final String AGENT = "agent";
    /** Another Liora service (client-credentials token); selects the tenant with {@code X-Client-ID}. */
    public static final String SERVICE = "service";

    /** Roles whose tokens are not bound to one tenant. */
    public static final Set<String> CROSS_TENANT = Set.of(PLATFORM_ADMIN, SERVICE);
    /** Roles of a tenant's staff; their tokens carry {@code cliente_id}. */
    public static final Set<String> TENANT_STAFF = Set.of(OWNER, ADMIN, AGENT);

    private Roles() {
    }
}
