package io.liora.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.liora.conversation.router.NoMatchBackoff;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoMatchBackoffTest {

    @Test
    void freeTextIsAnsweredAtTheFirstThirdSeventhFifteenthAndThirtyFirstMessage() {
        NoMatchBackoff.State state = NoMatchBackoff.State.fresh();
        List<Integer> answered = new ArrayList<>();
        for (int message = 1; message <= 40; message++) {
            NoMatchBackoff.Decision decision = NoMatchBackoff.unmatched(state);
            if (decision.answer()) {
                answered.add(message);
            }
            state = decision.next();
        }
        assertThat(answered).containsExactly(1, 3, 7, 15, 31);
        assertThat(state.rate()).isEqualTo(1.0 / 16);
    }

    @Test
    void theRateNeverFallsBelowOneSixteenth() {
        NoMatchBackoff.State state = NoMatchBackoff.State.fresh();
        for (int i = 0; i < 200; i++) {
            state = NoMatchBackoff.unmatched(state).next();
        }
        assertThat(state.rate()).isEqualTo(NoMatchBackoff.MIN_RATE);
    }

    @Test
    void matchedMessagesAddAQuarterBackUpToOne() {
        NoMatchBackoff.State state = new NoMatchBackoff.State(1.0 / 16, 0.5, 4);
        state = NoMatchBackoff.matched(state);
        assertThat(state.rate()).isEqualTo(1.0 / 16 + 0.25);
        assertThat(state.streak()).isZero();
        for (int i = 0; i < 10; i++) {
            state = NoMatchBackoff.matched(state);
        }
        assertThat(state.rate()).isEqualTo(1.0);
    }

    @Test
    void aPersonIsOfferedAfterThreeUnmatchedInARow() {
        NoMatchBackoff.State state = NoMatchBackoff.State.fresh();
        NoMatchBackoff.Decision first = NoMatchBackoff.unmatched(state);
        NoMatchBackoff.Decision second = NoMatchBackoff.unmatched(first.next());
        NoMatchBackoff.Decision third = NoMatchBackoff.unmatched(second.next());
        assertThat(first.offerHuman()).isFalse();
        assertThat(second.offerHuman()).isFalse();
        assertThat(third.offerHuman()).isTrue();
        assertThat(third.answer()).isTrue();
        NoMatchBackoff.State reset = NoMatchBackoff.matched(third.next());
        assertThat(NoMatchBackoff.unmatched(reset).offerHuman()).isFalse();
    }
}
