package io.liora.common.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Places up to the bound, never past it, given back as work ends. */
class InFlightTest {

    @Test
    void placesAreGrantedUpToTheBoundAndGivenBack() {
        InFlight work = new InFlight(5);
        assertThat(work.reserve(3)).isEqualTo(3);
        assertThat(work.reserve(3)).as("two left").isEqualTo(2);
        assertThat(work.reserve(1)).isZero();
        work.release(4);
        assertThat(work.taken()).isEqualTo(1);
        assertThat(work.reserve(10)).isEqualTo(4);
        assertThat(work.reserve(0)).isZero();
    }

    @Test
    void concurrentTakersNeverPassTheBoundTogether() throws Exception {
        InFlight work = new InFlight(100);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService takers = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 1000; i++) {
            takers.submit(() -> granted.addAndGet(work.reserve(3)));
        }
        takers.shutdown();
        assertThat(takers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(granted.get()).isEqualTo(100);
        assertThat(work.taken()).isEqualTo(100);
    }
}
