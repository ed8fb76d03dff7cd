package io.liora.testing;

import io.liora.common.security.RevocationFeed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What tenant-service's revocation feed says, in a test: written where the test profile reads it
 * ({@code liora.revocations.url=file:target/test-revocations.json}) and read again at once.
 */
public final class Revocations {

    private Revocations() {
    }

    public static void publish(RevocationFeed feed, Map<UUID, Instant> revoked, Set<UUID> suspendedTenants)
            throws Exception {
        String users = revoked.entrySet().stream().map(e -> "{\"user\":\"" + RevocationFeed.hash(e.getKey())
                + "\",\"before\":" + e.getValue().getEpochSecond() + "}").collect(Collectors.joining(","));
        String tenants = suspendedTenants.stream().map(t -> "\"" + RevocationFeed.hash(t) + "\"")
                .collect(Collectors.joining(","));
        Files.writeString(Path.of("target/test-revocations.json"), "{\"generated_at\":" + Instant.now().getEpochSecond()
                + ",\"revoked\":[" + users + "],\"suspended_tenants\":[" + tenants + "]}", StandardCharsets.UTF_8);
        feed.refresh().get();
    }

    public static void clear(RevocationFeed feed) throws Exception {
        publish(feed, Map.of(), Set.of());
    }
}
