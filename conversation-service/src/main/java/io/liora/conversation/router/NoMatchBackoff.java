package io.liora.conversation.router;

/**
 * How often a contact who keeps writing what the bot does not understand gets the fallback
 * answer (AIMD on the rate of fallback replies). Each contact has a rate r in [1/16, 1], starting
 * at 1, and a credit. An unmatched message adds r to the credit; when the credit reaches 1 the
 * message is answered, the credit drops by 1 and r halves. A matched message adds 1/4 back to r,
 * up to 1. So free text is answered at the 1st, 3rd, 7th, 15th... unmatched message. After three
 * unmatched messages in a row the fallback offers a person.
 */
public final class NoMatchBackoff {

    public static final double MIN_RATE = 1.0 / 16;
    public static final double INCREASE = 1.0 / 4;
    public static final int OFFER_HUMAN_AFTER = 3;

    /** A tenant's parameters (its policy), defaulting to the constants above. */
    public record Params(double minRate, double increase, int offerHumanAfter) {
        public static final Params DEFAULT = new Params(MIN_RATE, INCREASE, OFFER_HUMAN_AFTER);
    }

    /** A contact's backoff state. */
    public record State(double rate, double credit, int streak) {

        public static State fresh() {
            return new State(1.0, 0.0, 0);
        }
    }

    /** What an unmatched message comes to. */
    public record Decision(boolean answer, boolean offerHuman, State next) {
    }

    private NoMatchBackoff() {
    }

    public static Decision unmatched(State state) {
        return unmatched(state, Params.DEFAULT);
    }

    public static Decision unmatched(State state, Params params) {
        double credit = state.credit() + state.rate();
        int streak = state.streak() + 1;
        boolean offerHuman = streak >= params.offerHumanAfter();
        if (credit >= 1.0) {
            return new Decision(true, offerHuman,
                    new State(Math.max(params.minRate(), state.rate() / 2), credit - 1.0, streak));
        }
        return new Decision(false, offerHuman, new State(state.rate(), credit, streak));
    }

    public static State matched(State state) {
        return matched(state, Params.DEFAULT);
    }

    public static State matched(State state, Params params) {
        return new State(Math.min(1.0, state.rate() + params.increase()), state.credit(), 0);
    }
}
