package io.liora.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a load run came to: every contact's answers against its calibrated ones (missing, extra,
 * out of order, different), how refused webhooks were refused, the busiest windows of each number
 * against its ceiling, and the end-to-end latency of the messages answered as expected.
 */
final class Verdict {

    /** Sliding windows the send rate is checked over; a token bucket of one second allows ceiling × (w + 1). */
    private static final int[] WINDOWS_SECONDS = {1, 5};

    private final Histogram endToEnd = new Histogram(3_600_000_000_000L, 3);
    private int messages;
    private int missing;
    private int extra;
    private int misordered;
    private int different;
    private int unacknowledged;
    private int refusedWith5xx;
    private int refusedOtherwise;
    private int rateViolations;
    private double busiestSecondShare;
    private double lastAnswerSeconds;
    private final List<String> examples = new ArrayList<>();
    private final List<String> rates = new ArrayList<>();

    static Verdict of(List<WebhookLoad.Conversation> conversations, Calibration calibration,
            Map<String, List<Sandbox.Answer>> answers, Instant startedAt, double ceiling) {
        Verdict verdict = new Verdict();
        Map<String, List<Instant>> sendsByNumber = new HashMap<>();
        Instant last = startedAt;
        for (WebhookLoad.Conversation conversation : conversations) {
            Calibration.Expected expected = calibration.of(conversation.tenant(), conversation.script());
            List<Sandbox.Answer> got = answers.getOrDefault(conversation.contact(), List.of());
            for (Sandbox.Answer answer : got) {
                sendsByNumber.computeIfAbsent(conversation.tenant().phoneNumberId(), n -> new ArrayList<>())
                        .add(answer.at());
                last = answer.at().isAfter(last) ? answer.at() : last;
            }
            verdict.compare(conversation, expected, got);
            for (WebhookLoad.Message message : conversation.messages()) {
                verdict.messages++;
                verdict.unacknowledged += message.acknowledged ? 0 : 1;
                for (int status : message.refusals) {
                    if (status >= 500) {
                        verdict.refusedWith5xx++;
                    } else {
                        verdict.refusedOtherwise++;
                    }
                }
            }
        }
        verdict.lastAnswerSeconds = Duration.between(startedAt, last).toMillis() / 1000.0;
        sendsByNumber.forEach((number, sends) -> verdict.checkRate(number, sends, ceiling));
        return verdict;
    }

    private void compare(WebhookLoad.Conversation conversation, Calibration.Expected expected,
            List<Sandbox.Answer> got) {
        List<String> says = got.stream().map(Sandbox.Answer::says).toList();
        if (says.equals(expected.answers())) {
            for (WebhookLoad.Message message : conversation.messages()) {
                Instant answered = got.get(expected.lastAnswerOf(message.index)).at();
                if (message.ackedAt != null) {
                    endToEnd.recordValue(Math.max(0, Duration.between(message.ackedAt, answered).toNanos()));
                }
            }
            return;
        }
        String kind;
        if (says.size() < expected.answers().size()) {
            missing += expected.answers().size() - says.size();
            kind = "missing";
        } else if (says.size() > expected.answers().size()) {
            extra += says.size() - expected.answers().size();
            kind = "extra";
        } else if (says.stream().sorted().toList().equals(expected.answers().stream().sorted().toList())) {
            misordered++;
            kind = "misordered";
        } else {
            different++;
            kind = "different";
        }
        if (examples.stream().filter(e -> e.startsWith(kind)).count() < 2) {
            examples.add(kind + ": " + conversation.contact() + " (" + conversation.script().name() + ") expected "
                    + brief(expected.answers()) + " got " + brief(says));
        }
    }

    private static List<String> brief(List<String> answers) {
        return answers.stream().map(a -> a.replace('\n', ' ')).map(a -> a.length() > 60 ? a.substring(0, 60) + "…" : a)
                .toList();
    }

    private void checkRate(String number, List<Instant> sends, double ceiling) {
        List<Long> millis = sends.stream().map(Instant::toEpochMilli).sorted().toList();
        StringBuilder line = new StringBuilder(number + ":");
        for (int window : WINDOWS_SECONDS) {
            int busiest = 0;
            int from = 0;
            for (int to = 0; to < millis.size(); to++) {
                while (millis.get(to) - millis.get(from) >= window * 1000L) {
                    from++;
                }
                busiest = Math.max(busiest, to - from + 1);
            }
            double allowed = ceiling * (window + 1);
            line.append(String.format(" busiest %d s: %d sends (allowed %.0f)", window, busiest, allowed));
            if (busiest > allowed) {
                rateViolations++;
            }
            if (window == 1) {
                busiestSecondShare = Math.max(busiestSecondShare, busiest / ceiling);
            }
        }
        rates.add(line.toString());
    }

    int violations() {
        return missing + extra + misordered + different + unacknowledged + refusedOtherwise + rateViolations;
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("answers: %d messages; missing %d, extra %d, misordered contacts %d, different %d; "
                + "never acknowledged %d%n", messages, missing, extra, misordered, different, unacknowledged));
        text.append(String.format("refusals: %d with 5xx or no answer (Meta retries), %d otherwise%n", refusedWith5xx,
                refusedOtherwise));
        rates.forEach(r -> text.append("rate ").append(r).append('\n'));
        examples.forEach(e -> text.append("e.g. ").append(e).append('\n'));
        text.append(violations() == 0 ? "verdict: OK" : "verdict: " + violations() + " violations");
        return text.toString();
    }

    Histogram endToEnd() {
        return endToEnd;
    }

    double answeredPerSecond() {
        return lastAnswerSeconds <= 0 ? 0 : messages / lastAnswerSeconds;
    }

    double lastAnswerSeconds() {
        return lastAnswerSeconds;
    }

    int missing() {
        return missing;
    }

    int extra() {
        return extra;
    }

    int misordered() {
        return misordered + different;
    }

    int refusedWith5xx() {
        return refusedWith5xx;
    }

    int refusedOtherwise() {
        return refusedOtherwise;
    }

    double busiestSecondShare() {
        return busiestSecondShare;
    }
}
