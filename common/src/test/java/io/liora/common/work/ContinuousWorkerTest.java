package io.liora.common.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Work stays in flight up to the capacity, more is claimed as it finishes, and nothing waits for the slowest. */
class ContinuousWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Vertx vertx;
    /** What there is to claim, in order. */
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    /** The free places each claim was asked for, in order, and when each claim began. */
    private final List<Integer> claims = new CopyOnWriteArrayList<>();
    private final List<Long> claimedAt = new CopyOnWriteArrayList<>();
    /** Each item is held until its gate opens (a failed gate fails the item). */
    private final Map<String, CompletableFuture<Void>> gates = new ConcurrentHashMap<>();
    private final List<String> done = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private volatile boolean claimsFail;
    private final AtomicInteger failedClaims = new AtomicInteger();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private ContinuousWorker<String> worker(int capacity, Duration gap) {
        return new ContinuousWorker<>(vertx, "test", capacity, gap, free -> {
            claims.add(free);
            claimedAt.add(System.nanoTime());
            if (claimsFail) {
                failedClaims.incrementAndGet();
                return Uni.createFrom().failure(new IllegalStateException("database down"));
            }
            List<String> claimed = new ArrayList<>();
            synchronized (queue) {
                while (claimed.size() < free && !queue.isEmpty()) {
                    claimed.add(queue.poll());
                }
            }
            return Uni.createFrom().item(claimed);
        }, item -> {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            return Uni.createFrom().completionStage(gate(item))
                    .eventually(() -> {
                        running.decrementAndGet();
                        done.add(item);
                    });
        });
    }

    private CompletableFuture<Void> gate(String item) {
        return gates.computeIfAbsent(item, name -> new CompletableFuture<>());
    }

    private void offer(String... items) {
        synchronized (queue) {
            queue.addAll(List.of(items));
        }
    }

    @Test
    void anIdleWorkerClaimsAtOnceAndNeverHoldsMoreThanItsCapacity() {
        ContinuousWorker<String> worker = worker(3, Duration.ZERO);
        offer("a", "b", "c", "d", "e");
        worker.wake();
        eventually(() -> running.get() == 3);
        assertThat(claims).first().isEqualTo(3);
        assertThat(worker.inFlight()).isEqualTo(3);

        List.of("a", "b", "c", "d", "e").forEach(item -> gate(item).complete(null));
        eventually(() -> done.size() == 5);
        assertThat(mostRunning.get()).isEqualTo(3);
        assertThat(claims).allMatch(free -> free <= 3);
        eventually(() -> worker.inFlight() == 0);
    }

    @Test
    void aSlowItemHoldsUpNothingButItsOwnPlace() {
        ContinuousWorker<String> worker = worker(4, Duration.ZERO);
        offer("slow", "quick");
        worker.wake();
        eventually(() -> running.get() == 2);

        offer("later"); // arrives while "slow" is still in flight: a round would wait for it
        gate("quick").complete(null);
        gate("later").complete(null);
        eventually(() -> done.contains("later"));
        assertThat(done).doesNotContain("slow");
        gate("slow").complete(null);
        eventually(() -> done.size() == 3);
    }

    @Test
    void aBusyWorkerClaimsOnlyOnceAQuarterOfItsPlacesIsFree() {
        ContinuousWorker<String> worker = worker(8, Duration.ZERO);
        for (int i = 0; i < 20; i++) {
            offer("m" + i);
        }
        worker.wake();
        eventually(() -> running.get() == 8);
        int claimsBefore = claims.size();

        gate("m0").complete(null);
        eventually(() -> done.size() == 1);
        worker.wake();
        assertThat(running.get()).as("one place free of eight: no claim yet").isEqualTo(7);
        assertThat(claims).hasSize(claimsBefore);

        gate("m1").complete(null); // two of eight free: a claim for both
        eventually(() -> running.get() == 8);
        assertThat(claims.get(claims.size() - 1)).isEqualTo(2);
        for (int i = 0; i < 20; i++) {
            gate("m" + i).complete(null);
        }
        eventually(() -> done.size() == 20);
    }

    @Test
    void whileBusyClaimsAreAtLeastTheGapApart() {
        Duration gap = Duration.ofMillis(300);
        ContinuousWorker<String> worker = worker(4, gap);
        offer("held");
        worker.wake();
        eventually(() -> running.get() == 1);

        offer("next");
        worker.wake();
        eventually(() -> running.get() == 2);
        // measured from when the first claim ran, a little after the worker started it
        assertThat(claimedAt.get(claimedAt.size() - 1) - claimedAt.get(0))
                .isGreaterThanOrEqualTo(gap.minusMillis(50).toNanos());
        gate("held").complete(null);
        gate("next").complete(null);
        eventually(() -> done.size() == 2);
    }

    @Test
    void aFailedClaimOrItemStopsNothing() {
        ContinuousWorker<String> worker = worker(2, Duration.ZERO);
        claimsFail = true;
        offer("bad", "good");
        worker.wake();
        eventually(() -> failedClaims.get() == 1);
        assertThat(worker.inFlight()).isZero();

        claimsFail = false;
        gate("bad").completeExceptionally(new IllegalStateException("refused"));
        gate("good").complete(null);
        worker.wake(); // the next wake-up claims again
        eventually(() -> done.size() == 2);

        offer("after");
        gate("after").complete(null);
        worker.wake();
        eventually(() -> done.contains("after"));
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + WAIT);
            }
            Thread.onSpinWait();
        }
    }
}
