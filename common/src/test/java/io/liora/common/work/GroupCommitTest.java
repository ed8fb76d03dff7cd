package io.liora.common.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batches form from what arrives while one is in flight, never larger than asked, failures their own. */
class GroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Vertx vertx;
    /** The batches the handler was given, in order. */
    private final List<List<String>> handled = new CopyOnWriteArrayList<>();
    private final List<Integer> sizes = new CopyOnWriteArrayList<>();
    /** Each batch is held until its gate (by position) is opened; a failed gate fails the batch. */
    private final List<CompletableFuture<Void>> gates = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        for (int i = 0; i < 10; i++) {
            gates.add(new CompletableFuture<>());
        }
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private GroupCommit<String, String> engine(int maxBatch) {
        return new GroupCommit<>(vertx, maxBatch, batch -> {
            CompletableFuture<Void> gate = gates.get(handled.size());
            handled.add(batch);
            return Uni.createFrom().completionStage(gate)
                    .map(open -> batch.stream().map(request -> request.toUpperCase()).toList());
        }, sizes::add);
    }

    @Test
    void aLoneRequestGoesAtOnceAndThoseArrivingMeanwhileFormTheNextBatch() {
        GroupCommit<String, String> engine = engine(100);
        gates.get(0).complete(null);
        assertThat(engine.submit("a").await().atMost(WAIT)).isEqualTo("A");

        CompletableFuture<String> b = engine.submit("b").subscribeAsCompletionStage();
        // a's batch ends on another thread just after answering; b goes once it has (alone either way)
        awaitBatches(2);
        CompletableFuture<String> c = engine.submit("c").subscribeAsCompletionStage();
        CompletableFuture<String> d = engine.submit("d").subscribeAsCompletionStage();
        assertThat(b).isNotDone();
        gates.get(1).complete(null); // b's batch commits: c and d waited for it and go together
        gates.get(2).complete(null);
        assertThat(List.of(b.join(), c.join(), d.join())).containsExactly("B", "C", "D");
        assertThat(handled).containsExactly(List.of("a"), List.of("b"), List.of("c", "d"));
        assertThat(sizes).containsExactly(1, 1, 2);
    }

    private void awaitBatches(int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (handled.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + handled.size() + " batches started, expected " + count);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aBatchHoldsAtMostMaxBatchRequests() {
        GroupCommit<String, String> engine = engine(2);
        CompletableFuture<String> first = engine.submit("first").subscribeAsCompletionStage();
        List<CompletableFuture<String>> rest = List.of("p", "q", "r", "s", "t").stream()
                .map(request -> engine.submit(request).subscribeAsCompletionStage()).toList();
        gates.forEach(gate -> gate.complete(null));
        assertThat(first.join()).isEqualTo("FIRST");
        assertThat(rest.stream().map(CompletableFuture::join)).containsExactly("P", "Q", "R", "S", "T");
        assertThat(handled).containsExactly(List.of("first"), List.of("p", "q"), List.of("r", "s"), List.of("t"));
    }

    @Test
    void aFailedBatchFailsEachOfItsRequestsAndTheNextBatchStillGoes() {
        GroupCommit<String, String> engine = engine(100);
        CompletableFuture<String> first = engine.submit("first").subscribeAsCompletionStage();
        CompletableFuture<String> x = engine.submit("x").subscribeAsCompletionStage();
        CompletableFuture<String> y = engine.submit("y").subscribeAsCompletionStage();
        gates.get(0).complete(null);
        assertThat(first.join()).isEqualTo("FIRST");
        gates.get(1).completeExceptionally(new IllegalStateException("refused"));
        assertThatThrownBy(x::join).hasRootCauseMessage("refused");
        assertThatThrownBy(y::join).hasRootCauseMessage("refused");

        gates.get(2).complete(null);
        assertThat(engine.submit("z").await().atMost(WAIT)).isEqualTo("Z");
        assertThat(handled).containsExactly(List.of("first"), List.of("x", "y"), List.of("z"));
    }

    @Test
    void aCallerWhoseContinuationThrowsKeepsNobodyWaiting() {
        GroupCommit<String, String> engine = engine(100);
        CompletableFuture<String> first = engine.submit("first").subscribeAsCompletionStage();
        engine.submit("thrower").subscribe().with(result -> {
            throw new IllegalStateException("a caller's bug");
        });
        CompletableFuture<String> beside = engine.submit("beside").subscribeAsCompletionStage();
        gates.forEach(gate -> gate.complete(null));
        assertThat(first.join()).isEqualTo("FIRST");
        assertThat(beside.join()).isEqualTo("BESIDE");
        assertThat(engine.submit("after").await().atMost(WAIT)).isEqualTo("AFTER");
    }
}
