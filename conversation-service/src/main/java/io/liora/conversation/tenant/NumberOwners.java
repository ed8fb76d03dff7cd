package io.liora.conversation.tenant;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Which tenant owns a number, cached briefly (a suspension takes effect within the TTL). An
 * unknown number is an empty answer; tenant-service being unreachable is a failure, so the webhook
 * answers 503 and Meta retries.
 */
@ApplicationScoped
public class NumberOwners {

    private record Cached(Optional<TenantServiceApi.NumberOwner> owner, Instant until) {
    }

    private final TenantServiceApi tenants;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public NumberOwners(@RestClient TenantServiceApi tenants,
            @ConfigProperty(name = "liora.tenants.cache-ttl", defaultValue = "PT30S") Duration ttl) {
        this.tenants = tenants;
        this.ttl = ttl;
    }

    public Uni<Optional<TenantServiceApi.NumberOwner>> owner(String phoneNumberId) {
        Cached cached = cache.get(phoneNumberId);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return Uni.createFrom().item(cached.owner());
        }
        return tenants.owner(phoneNumberId).map(Optional::of)
                .onFailure(e -> e instanceof WebApplicationException http && http.getResponse() != null
                        && http.getResponse().getStatus() == 404)
                .recoverWithItem(Optional.empty())
                .invoke(owner -> cache.put(phoneNumberId, new Cached(owner, Instant.now().plus(ttl))));
    }
}
