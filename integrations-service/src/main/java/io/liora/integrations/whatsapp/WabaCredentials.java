package io.liora.integrations.whatsapp;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Tenants' Graph API tokens from tenant-service, kept briefly in memory (never logged). */
@ApplicationScoped
public class WabaCredentials {

    private record Cached(TenantServiceApi.Credentials credentials, Instant until) {
    }

    private final TenantServiceApi tenants;
    private final WhatsAppConfig config;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public WabaCredentials(@RestClient TenantServiceApi tenants, WhatsAppConfig config) {
        this.tenants = tenants;
        this.config = config;
    }

    public Uni<TenantServiceApi.Credentials> get(UUID clienteId, String phoneNumberId) {
        String key = clienteId + "/" + phoneNumberId;
        Cached cached = cache.get(key);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return Uni.createFrom().item(cached.credentials());
        }
        return tenants.credentials(clienteId, phoneNumberId).invoke(credentials ->
                cache.put(key, new Cached(credentials, Instant.now().plus(config.credentialsTtl()))));
    }

    /** Forget a tenant's tokens, e.g. after Meta rejected one. */
    public void forget(UUID clienteId) {
        cache.keySet().removeIf(key -> key.startsWith(clienteId + "/"));
    }

    public Uni<Void> markNeedsReauth(UUID clienteId, String phoneNumberId) {
        forget(clienteId);
        return tenants.markNeedsReauth(clienteId, phoneNumberId);
    }
}
