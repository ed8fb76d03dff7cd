package io.liora.conversation.tenant;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Which tenant owns a number, cached briefly (a suspension takes effect within
 * {@code liora.tenants.cache-ttl}, the cache's expiry). An unknown number is an empty answer, kept
 * like an owner; tenant-service being unreachable is a failure, not kept, so the webhook answers
 * 503 and Meta retries. The webhooks that find a number's entry expired wait for one call
 * (single-flight), instead of each asking tenant-service at once.
 */
@ApplicationScoped
public class NumberOwners {

    private final TenantServiceApi tenants;
    private final Cache owners;

    public NumberOwners(@RestClient TenantServiceApi tenants, @CacheName("number-owners") Cache owners) {
        this.tenants = tenants;
        this.owners = owners;
    }

    public Uni<Optional<TenantServiceApi.NumberOwner>> owner(String phoneNumberId) {
        return owners.getAsync(phoneNumberId, number -> tenants.owner(number).map(Optional::of)
                .onFailure(e -> e instanceof WebApplicationException http && http.getResponse() != null
                        && http.getResponse().getStatus() == 404)
                .recoverWithItem(Optional.empty()));
    }
}
