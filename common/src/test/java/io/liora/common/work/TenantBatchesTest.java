package io.liora.common.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each tenant's requests batch apart from the others'; a batch that fails is handled again request
 * by request when the failure allows it, so only the request at fault fails; otherwise each fails.
 */
class TenantBatchesTest {

    private Vertx vertx;
    /** The batches handled, as "tenant:requests", in order. */
    private final List<String> handled = new CopyOnWriteArrayList<>();
    /** The first batch waits on this, so that the requests after it gather. */
    private final CompletableFuture<Void> firstGate = new CompletableFuture<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Upper-cases its requests; a batch holding "bad" fails with {@code failure}. */
    private TenantBatches<String, String> batches(RuntimeException failure, boolean alone) {
        return new TenantBatches<>(vertx, 10, (tenant, requests) -> {
            boolean first = handled.isEmpty();
            handled.add(tenant.toString().substring(0, 1) + ":" + String.join(",", requests));
            Uni<Void> wait = first ? Uni.createFrom().completionStage(firstGate) : Uni.createFrom().voidItem();
            return wait.map(open -> {
                if (requests.contains("bad")) {
                    throw failure;
                }
                return requests.stream().map(String::toUpperCase).toList();
            });
        }, e -> alone, size -> { });
    }

    private static UUID tenant(char first) {
        return UUID.fromString(first + "0000000-0000-0000-0000-000000000000");
    }

    @Test
    void aBatchRefusedForOneRequestIsHandledAgainOneByOneAndOnlyThatOneFails() {
        TenantBatches<String, String> batches = batches(new IllegalArgumentException("refused"), true);
        CompletableFuture<String> first = batches.submit(tenant('a'), "first").subscribeAsCompletionStage();
        awaitHandled(1);
        CompletableFuture<String> good = batches.submit(tenant('a'), "good").subscribeAsCompletionStage();
        CompletableFuture<String> bad = batches.submit(tenant('a'), "bad").subscribeAsCompletionStage();
        CompletableFuture<String> other = batches.submit(tenant('b'), "other").subscribeAsCompletionStage();
        assertThat(other.join()).as("another tenant does not wait for this one's batch").isEqualTo("OTHER");
        firstGate.complete(null);

        assertThat(first.join()).isEqualTo("FIRST");
        assertThat(good.join()).isEqualTo("GOOD");
        assertThat(bad).failsWithin(java.time.Duration.ofSeconds(5)).withThrowableThat()
                .withCauseInstanceOf(IllegalArgumentException.class);
        assertThat(handled).containsExactly("a:first", "b:other", "a:good,bad", "a:good", "a:bad");
    }

    @Test
    void aFailureNotForOneRequestFailsTheWholeBatch() {
        TenantBatches<String, String> batches = batches(new IllegalStateException("database down"), false);
        CompletableFuture<String> first = batches.submit(tenant('a'), "first").subscribeAsCompletionStage();
        awaitHandled(1);
        CompletableFuture<String> good = batches.submit(tenant('a'), "good").subscribeAsCompletionStage();
        CompletableFuture<String> bad = batches.submit(tenant('a'), "bad").subscribeAsCompletionStage();
        firstGate.complete(null);

        assertThat(first.join()).isEqualTo("FIRST");
        for (CompletableFuture<String> failed : List.of(good, bad)) {
            assertThat(failed).failsWithin(java.time.Duration.ofSeconds(5)).withThrowableThat()
                    .withCauseInstanceOf(IllegalStateException.class);
        }
        assertThat(handled).containsExactly("a:first", "a:good,bad");
    }

    private void awaitHandled(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (handled.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + handled.size() + " batches handled");
            }
            Thread.onSpinWait();
        }
    }
}
