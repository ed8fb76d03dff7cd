package io.liora.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The machine's HTTP ceiling under the same client as the load: conversation-service's webhook
 * verification (Meta's GET handshake: no database, no signature), as fast as {@code connections}
 * requests in flight allow, for {@code seconds}. Prints a CEILING line.
 *
 * <p>Usage: {@code EndpointCeiling <seconds> <connections>}
 */
public final class EndpointCeiling {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        Stack stack = Stack.read(Path.of("deploy/local/run/bench-tenants.json"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.webhookUrl()
                + "/webhook/meta?hub.mode=subscribe&hub.challenge=4242&hub.verify_token="
                + stack.env().get("LIORA_META_VERIFY_TOKEN"))).timeout(Duration.ofSeconds(10)).build();
        Histogram latency = new Histogram(60_000_000_000L, 3);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        run(http, request, Duration.ofSeconds(2), connections, new Histogram(60_000_000_000L, 3), new AtomicLong(),
                new AtomicLong()); // warm-up
        long start = System.nanoTime();
        run(http, request, Duration.ofSeconds(seconds), connections, latency, done, failed);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "CEILING http_rps=%.0f p50_ms=%.2f p99_ms=%.2f failed=%d connections=%d%n",
                done.get() / elapsed, latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                failed.get(), connections);
    }

    private static void run(HttpClient http, HttpRequest request, Duration duration, int connections, Histogram latency,
            AtomicLong done, AtomicLong failed) {
        long deadline = System.nanoTime() + duration.toNanos();
        CompletableFuture<?>[] loops = new CompletableFuture<?>[connections];
        for (int i = 0; i < connections; i++) {
            loops[i] = loop(http, request, deadline, latency, done, failed);
        }
        CompletableFuture.allOf(loops).join();
    }

    /** One connection's closed loop: the next request when the last one is answered. */
    private static CompletableFuture<Void> loop(HttpClient http, HttpRequest request, long deadline, Histogram latency,
            AtomicLong done, AtomicLong failed) {
        if (System.nanoTime() > deadline) {
            return CompletableFuture.completedFuture(null);
        }
        long sent = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            if (error == null && response.statusCode() == 200 && "4242".equals(response.body())) {
                synchronized (latency) {
                    latency.recordValue(System.nanoTime() - sent);
                }
                done.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            return null;
        }).thenCompose(ignored -> loop(http, request, deadline, latency, done, failed));
    }
}
