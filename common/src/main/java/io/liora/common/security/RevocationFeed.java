package io.liora.common.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.common.crypto.Sha256;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * tenant-service's revocations, as this service last read them (every few seconds): staff users
 * whose tokens issued before an instant no longer count, and suspended tenants, each named by the
 * SHA-256 of its id. When the feed cannot be read, the last one read stays in force (and a token
 * lives 15 minutes at most anyway).
 */
@ApplicationScoped
public class RevocationFeed {

    private static final Logger LOG = Logger.getLogger(RevocationFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One revoked user: its id's hash, and the first {@code iat} (epoch seconds) still honoured. */
    public record Revoked(String user, long before) {
    }

    /** The document tenant-service publishes at {@code /.well-known/liora-revocations}. */
    public record Feed(long generatedAt, List<Revoked> revoked, List<String> suspendedTenants) {
    }

    private final Vertx vertx;
    private final boolean enabled;
    private final String url;
    private final Duration refresh;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Map<String, Long> revoked = Map.of();
    private volatile Set<String> suspended = Set.of();

    public RevocationFeed(Vertx vertx, @ConfigProperty(name = "liora.revocations.enabled", defaultValue = "true")
            boolean enabled, @ConfigProperty(name = "liora.revocations.url") String url,
            @ConfigProperty(name = "liora.revocations.refresh", defaultValue = "PT5S") Duration refresh) {
        this.vertx = vertx;
        this.enabled = enabled;
        this.url = url;
        this.refresh = refresh;
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            refresh();
            vertx.setPeriodic(refresh.toMillis(), id -> refresh());
        }
    }

    /** Reads the feed again; completes when the new one is in force (or the old one kept). */
    public CompletableFuture<Void> refresh() {
        return read().thenAccept(this::apply).exceptionally(e -> {
            LOG.warnf("Token revocations not refreshed (the last ones read stay in force): %s", e.toString());
            return null;
        });
    }

    /** Whether a token of this staff user, issued at {@code issuedAt} (epoch seconds), is revoked. */
    public boolean revoked(UUID usuarioId, long issuedAt) {
        Long before = revoked.get(hash(usuarioId));
        return before != null && issuedAt < before;
    }

    public boolean suspended(UUID clienteId) {
        return suspended.contains(hash(clienteId));
    }

    public static String hash(UUID id) {
        return Sha256.hex(id.toString());
    }

    private CompletableFuture<String> read() {
        if (url.startsWith("file:")) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    Path file = Path.of(url.substring("file:".length()));
                    // tests write the file when they need revocations; none yet is an empty feed
                    return Files.exists(file) ? Files.readString(file) : "{}";
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("answered " + response.statusCode());
            }
            return response.body();
        });
    }

    private void apply(String body) {
        try {
            com.fasterxml.jackson.databind.JsonNode feed = JSON.readTree(body);
            Map<String, Long> users = new java.util.HashMap<>();
            feed.path("revoked").forEach(r -> users.merge(r.path("user").asText(), r.path("before").asLong(), Math::max));
            Set<String> tenants = new java.util.HashSet<>();
            feed.path("suspended_tenants").forEach(t -> tenants.add(t.asText()));
            revoked = Map.copyOf(users);
            suspended = Set.copyOf(tenants);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** For logs: how many entries are in force. */
    @Override
    public String toString() {
        return "RevocationFeed[" + revoked.size() + " users, " + suspended.size() + " tenants]";
    }
}
