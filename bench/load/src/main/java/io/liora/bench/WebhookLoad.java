package io.liora.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Open-model load against the running stack (deploy/local/up.sh): conversations start at a fixed
 * rate, so that customer messages arrive at {@code --rate} per second whatever the answers do; each
 * conversation is one contact of one tenant following a {@link Script}, its messages 1.5 s apart.
 * Webhooks are signed as Meta signs them and, like Meta, retried when refused; a contact's next
 * message waits until the one before it was acknowledged. Latencies are
 * measured from each message's intended send time (no coordinated omission).
 *
 * <p>Afterwards every contact must have received exactly its {@link Calibration calibrated}
 * answers, in order; every refusal must have been a 5xx or no answer at all (Meta retries those);
 * and no number may have sent faster than its ceiling allows. Any violation exits with 1.
 *
 * <p>Usage: {@code WebhookLoad --rate 80 --seconds 30 [--ceiling 1000] [--tenants file] [--results file]
 * [--label name] [--patience seconds]}
 */
public final class WebhookLoad {

    private static final long GAP_NANOS = 1_500_000_000L;
    private static final int MAX_ATTEMPTS = 60;

    /** One customer message under load. */
    static final class Message {
        final Conversation conversation;
        final int index;
        final long intendedNanos;
        final String body;
        final List<Integer> refusals = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Void> delivered = new CompletableFuture<>();
        volatile boolean acknowledged;
        volatile Instant ackedAt;
        volatile int attempts;

        Message(Conversation conversation, int index, long intendedNanos, String body) {
            this.conversation = conversation;
            this.index = index;
            this.intendedNanos = intendedNanos;
            this.body = body;
        }
    }

    /** One contact writing to one tenant. */
    record Conversation(Stack.Tenant tenant, Script script, String contact, List<Message> messages) {
    }

    private final Stack stack;
    private final Map<String, String> options;
    private final Meta meta;
    private final Sandbox sandbox;
    private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(2);
    private final Histogram ack = new Histogram(3_600_000_000_000L, 3);
    private final String runId = String.format("%05d", System.currentTimeMillis() / 1000 % 100_000);

    WebhookLoad(Stack stack, Map<String, String> options) {
        this.stack = stack;
        this.options = options;
        // HTTP/1.1 on as many connections as requests in flight, as Meta delivers: the JDK client's
        // default (HTTP/2 over a cleartext upgrade) carries every webhook on one connection, so on one
        // of the service's event loops
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.meta = new Meta(stack, http);
        this.sandbox = new Sandbox(stack, http);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path tenants = Path.of(options.getOrDefault("tenants", "deploy/local/run/bench-tenants.json"));
        int status = new WebhookLoad(Stack.read(tenants), options).run();
        System.exit(status);
    }

    int run() throws Exception {
        int rate = Integer.parseInt(options.get("rate"));
        int seconds = Integer.parseInt(options.get("seconds"));
        Calibration calibration = Calibration.learn(stack, meta, sandbox, runId);
        System.out.printf("calibrated %d scripts × %d tenants%n", Script.MIX.size(), stack.tenants().size());

        List<Conversation> conversations = new ArrayList<>();
        List<Message> schedule = plan(rate, seconds, conversations);
        System.out.println("load started"); // deploy/local/faults.sh times its faults from this line
        long start = System.nanoTime() + 200_000_000L;
        Instant startedAt = Instant.now().plusMillis(200);
        List<CompletableFuture<Void>> deliveries = new ArrayList<>(schedule.size());
        for (Message message : schedule) {
            long wait = start + message.intendedNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            deliveries.add(deliver(message, start));
        }
        double offeredSeconds = (System.nanoTime() - start) / 1e9;
        CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).join();
        retries.shutdownNow();

        Map<String, List<Sandbox.Answer>> answers = drain(conversations, calibration,
                Integer.parseInt(options.getOrDefault("patience", "30")));
        Verdict verdict = Verdict.of(conversations, calibration, answers, startedAt,
                Double.parseDouble(options.getOrDefault("ceiling", "80")));
        report(rate, seconds, schedule.size(), offeredSeconds, verdict);
        return verdict.violations() == 0 ? 0 : 1;
    }

    /** Conversations starting at the rate that makes {@code rate} messages/s; their messages by send time. */
    private List<Message> plan(int rate, int seconds, List<Conversation> conversations) {
        double conversationsPerSecond = rate / Script.meanLength();
        int count = (int) Math.ceil(conversationsPerSecond * seconds);
        long epochStart = System.currentTimeMillis() / 1000 + 1;
        List<Message> schedule = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Stack.Tenant tenant = stack.tenants().get(i % stack.tenants().size());
            Script script = Script.MIX.get(i % Script.MIX.size());
            String contact = "57" + runId + String.format("%06d", i);
            List<Message> messages = new ArrayList<>();
            Conversation conversation = new Conversation(tenant, script, contact, messages);
            long begins = (long) (i * 1e9 / conversationsPerSecond);
            for (int k = 0; k < script.steps().size(); k++) {
                long intended = begins + k * GAP_NANOS;
                // Meta's timestamps are whole seconds: 1.5 s apart keeps a contact's messages ordered
                long timestamp = epochStart + intended / 1_000_000_000L;
                String body = Meta.message(tenant.phoneNumberId(), contact, "wamid.LOAD" + runId + "_" + i + "_" + k,
                        timestamp, script.steps().get(k));
                messages.add(new Message(conversation, k, intended, body));
            }
            conversations.add(conversation);
            schedule.addAll(messages);
        }
        schedule.sort(Comparator.comparingLong(m -> m.intendedNanos));
        return schedule;
    }

    /**
     * Posts a message's webhook until it is acknowledged with 200, retrying as Meta does. A contact's
     * messages are delivered in order: one refused is retried before the contact's next is posted
     * (a message Liora has not received yet cannot be answered in its place).
     */
    private CompletableFuture<Void> deliver(Message message, long start) {
        if (message.index == 0) {
            attempt(message, start, message.delivered);
        } else {
            message.conversation.messages().get(message.index - 1).delivered
                    .thenRun(() -> attempt(message, start, message.delivered));
        }
        return message.delivered;
    }

    private void attempt(Message message, long start, CompletableFuture<Void> done) {
        message.attempts++;
        meta.post(message.body).thenAccept(status -> {
            if (status == 200) {
                long latency = System.nanoTime() - (start + message.intendedNanos);
                synchronized (ack) {
                    ack.recordValue(Math.max(0, latency));
                }
                message.ackedAt = Instant.now();
                message.acknowledged = true;
                done.complete(null);
                return;
            }
            message.refusals.add(status);
            if (message.attempts >= MAX_ATTEMPTS) {
                done.complete(null);
                return;
            }
            long delay = Math.min(8_000, 250L << Math.min(5, message.attempts - 1));
            retries.schedule(() -> attempt(message, start, done), delay, TimeUnit.MILLISECONDS);
        });
    }

    /** Waits while answers keep coming until every contact has its calibrated count. */
    private Map<String, List<Sandbox.Answer>> drain(List<Conversation> conversations, Calibration calibration,
            int patienceSeconds) throws Exception {
        Map<String, List<Sandbox.Answer>> answers = collect();
        int waiting = Integer.MAX_VALUE;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() - lastProgress < patienceSeconds * 1_000_000_000L) {
            int still = 0;
            for (Conversation c : conversations) {
                if (answers.getOrDefault(c.contact(), List.of()).size()
                        < calibration.of(c.tenant(), c.script()).answers().size()) {
                    still++;
                }
            }
            if (still < waiting) {
                lastProgress = System.nanoTime();
                waiting = still;
            }
            if (still == 0) {
                break;
            }
            // reading every chat is work for the sandbox too: less often when there are many
            Thread.sleep(Math.max(2000, conversations.size() / 2));
            answers = collect();
        }
        Thread.sleep(3000); // late duplicates
        return collect();
    }

    private Map<String, List<Sandbox.Answer>> collect() throws Exception {
        Map<String, List<Sandbox.Answer>> all = new HashMap<>();
        for (Stack.Tenant tenant : stack.tenants()) {
            all.putAll(sandbox.answersByContact(tenant.phoneNumberId(), "57" + runId));
        }
        return all;
    }

    private void report(int rate, int seconds, int messages, double offeredSeconds, Verdict v) throws Exception {
        String label = options.getOrDefault("label", "step");
        System.out.printf("%s: offered %d msg/s for %d s to %d tenants: %d messages in %.1f s; answered %.1f msg/s "
                + "(last answer %.1f s after the first message)%n", label, rate, seconds, stack.tenants().size(),
                messages, offeredSeconds, v.answeredPerSecond(), v.lastAnswerSeconds());
        System.out.printf("webhook ack ms: p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n", ms(ack, 50), ms(ack, 99),
                ms(ack, 99.9), ack.getMaxValue() / 1e6);
        System.out.printf("end-to-end ms: p50 %.0f  p99 %.0f  p99.9 %.0f  max %.0f%n", ms(v.endToEnd(), 50),
                ms(v.endToEnd(), 99), ms(v.endToEnd(), 99.9), v.endToEnd().getMaxValue() / 1e6);
        System.out.println(v.describe());
        String row = String.join("\t", label, String.valueOf(rate), String.valueOf(seconds), String.valueOf(messages),
                String.valueOf(stack.tenants().size()), fmt(ms(ack, 50)), fmt(ms(ack, 99)), fmt(ms(ack, 99.9)),
                fmt(ms(v.endToEnd(), 50)), fmt(ms(v.endToEnd(), 99)), fmt(ms(v.endToEnd(), 99.9)),
                fmt(v.answeredPerSecond()), String.valueOf(v.missing()), String.valueOf(v.extra()),
                String.valueOf(v.misordered()), String.valueOf(v.refusedWith5xx()), String.valueOf(v.refusedOtherwise()),
                fmt(v.busiestSecondShare()));
        System.out.println("RESULT " + row);
        if (options.containsKey("results")) {
            Files.writeString(Path.of(options.get("results")), row + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
