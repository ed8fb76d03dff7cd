package io.liora.integrations.bitly;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Bitly with the guards a conversation needs: at most 5 calls at once (Bitly's concurrency
 * limit), 3 s each, and a circuit that opens when Bitly keeps failing, so callers get their
 * long URL at once instead of waiting.
 */
@ApplicationScoped
public class BitlyClient {

    private final BitlyApi bitly;
    private final BitlyConfig config;

    public BitlyClient(@RestClient BitlyApi bitly, BitlyConfig config) {
        this.bitly = bitly;
        this.config = config;
    }

    public boolean enabled() {
        return config.token().filter(token -> !token.isBlank()).isPresent();
    }

    @AsynchronousNonBlocking
    @Bulkhead(value = 5, waitingTaskQueue = 50)
    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 30_000, successThreshold = 2)
    public Uni<String> shorten(String longUrl, String title, List<String> tags) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("long_url", longUrl);
        request.put("domain", config.domain());
        config.groupGuid().ifPresent(group -> request.put("group_guid", group));
        if (title != null) {
            request.put("title", title);
        }
        if (tags != null && !tags.isEmpty()) {
            request.put("tags", tags);
        }
        return bitly.create("Bearer " + config.token().orElseThrow(), request).map(BitlyApi.Bitlink::link);
    }
}
