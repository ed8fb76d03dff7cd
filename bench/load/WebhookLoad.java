import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.HdrHistogram.Histogram;

/**
 * Open-model webhook load against the running services (deploy/local/up.sh): signed Meta webhooks at
 * a fixed arrival rate, each from a contact of its own, so every reply set can be counted in the
 * sandbox. Latencies are measured from each message's intended send time (no coordinated omission).
 *
 * <p>Usage: {@code java -cp <classpath> WebhookLoad.java <messages per second> <seconds>}
 */
public class WebhookLoad {

    /** What customers write, in the mix's proportions; each answered by one reply set. */
    private static final List<String> MIX = List.of("hola", "hola", "buscar zapatillas", "buscar té verde",
            "vida sana", "catalogo", "reciclaje", "¿a qué hora abren?");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, String> env;
    private final byte[] appSecret;
    private final String runId = Long.toString(System.currentTimeMillis() % 100_000);

    WebhookLoad(Map<String, String> env) {
        this.env = env;
        this.appSecret = env.get("LIORA_META_APP_SECRET").getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        Map<String, String> env = Files.readAllLines(Path.of("deploy/local/demo.env")).stream()
                .filter(line -> line.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
        new WebhookLoad(env).run(rate, seconds);
    }

    void run(int rate, int seconds) throws Exception {
        Map<String, Integer> expected = calibrate();
        int total = rate * seconds;
        Histogram ack = new Histogram(60_000_000_000L, 3);
        Histogram endToEnd = new Histogram(600_000_000_000L, 3);
        List<Sent> sent = new ArrayList<>(total);
        List<CompletableFuture<Void>> pending = new ArrayList<>(total);
        AtomicInteger refused = new AtomicInteger();
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < total; i++) {
            long intended = start + i * period;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String text = MIX.get(i % MIX.size());
            Sent message = new Sent(contact(i), text);
            sent.add(message);
            pending.add(post(message).thenAccept(status -> {
                long now = System.nanoTime();
                synchronized (ack) {
                    ack.recordValue(now - intended);
                }
                message.status = status;
                message.ackedAt = Instant.now();
                if (status != 200) {
                    refused.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        double offeredSeconds = (System.nanoTime() - start) / 1e9;

        // every acknowledged message must be answered by exactly its intent's reply set; the backlog
        // drains for as long as it makes progress, and a message still unanswered 30 s after the
        // last progress counts as lost
        List<Sent> waiting = sent.stream().filter(m -> m.status == 200).collect(Collectors.toList());
        long lastProgress = System.nanoTime();
        while (!waiting.isEmpty() && System.nanoTime() - lastProgress < 30_000_000_000L) {
            List<Sent> still = new ArrayList<>();
            for (Sent message : waiting) {
                if (answers(message.contact).size() < expected.get(message.text)) {
                    still.add(message);
                }
            }
            if (still.size() < waiting.size()) {
                lastProgress = System.nanoTime();
            }
            waiting = still;
            if (!waiting.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        double drainedSeconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(2000); // late duplicates
        int lost = 0;
        int duplicated = 0;
        for (Sent message : sent) {
            if (message.status != 200) {
                continue;
            }
            List<JsonNode> out = answers(message.contact);
            int want = expected.get(message.text);
            if (out.size() < want) {
                lost++;
            } else if (out.size() > want) {
                duplicated++;
            }
            if (!out.isEmpty()) {
                Instant answered = Instant.parse(out.get(out.size() - 1).get("at").asText());
                long nanos = Duration.between(message.ackedAt, answered).toNanos();
                endToEnd.recordValue(Math.max(0, nanos));
            }
        }
        System.out.printf("offered %d msg/s for %d s: %d messages in %.1f s, %d refused (non-200); "
                + "all answered after %.1f s (%.1f replies/s)%n", rate, seconds, total, offeredSeconds, refused.get(),
                drainedSeconds, total / drainedSeconds);
        System.out.printf("webhook ack ms: p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n", ms(ack, 50), ms(ack, 99),
                ms(ack, 99.9), ack.getMaxValue() / 1e6);
        System.out.printf("end-to-end ms: p50 %.0f  p99 %.0f  p99.9 %.0f  max %.0f%n", ms(endToEnd, 50),
                ms(endToEnd, 99), ms(endToEnd, 99.9), endToEnd.getMaxValue() / 1e6);
        System.out.printf("lost %d, duplicated %d%n", lost, duplicated);
        System.out.printf("RESULT rate=%d seconds=%d ack_p50=%.1f ack_p99=%.1f ack_p999=%.1f e2e_p50=%.0f e2e_p99=%.0f "
                + "e2e_p999=%.0f refused=%d lost=%d duplicated=%d%n", rate, seconds, ms(ack, 50), ms(ack, 99),
                ms(ack, 99.9), ms(endToEnd, 50), ms(endToEnd, 99), ms(endToEnd, 99.9), refused.get(), lost, duplicated);
        if (lost > 0 || duplicated > 0) {
            System.exit(1);
        }
    }

    /** How many messages answer each text: one contact per text, before the load. */
    private Map<String, Integer> calibrate() throws Exception {
        Map<String, Integer> expected = new ConcurrentHashMap<>();
        int n = 0;
        for (String text : MIX.stream().distinct().toList()) {
            Sent probe = new Sent("5699" + runId + String.format("%03d", n++), text);
            int status = post(probe).join();
            if (status != 200) {
                throw new IllegalStateException("calibration webhook answered " + status);
            }
            List<JsonNode> out = List.of();
            for (int i = 0; i < 100 && out.isEmpty(); i++) {
                Thread.sleep(100);
                out = answers(probe.contact);
            }
            Thread.sleep(1500); // the rest of the set
            out = answers(probe.contact);
            if (out.isEmpty()) {
                throw new IllegalStateException("no answer to '" + text + "'");
            }
            expected.put(text, out.size());
        }
        System.out.println("reply sets: " + expected);
        return expected;
    }

    private String contact(int i) {
        return "5698" + runId + String.format("%06d", i);
    }

    private CompletableFuture<Integer> post(Sent message) {
        byte[] body = webhook(message).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(env.get("LIORA_CONVERSATION_URL") + "/webhook/meta"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + hmac(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode)
                .exceptionally(error -> 599);
    }

    private String webhook(Sent message) {
        String wamid = "wamid.LOAD" + runId + Long.toHexString(ThreadLocalRandom.current().nextLong());
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"0","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"0","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Carga"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}"""
                .formatted(env.get("LIORA_DEMO_PHONE_NUMBER_ID"), message.contact, message.contact, wamid,
                        Instant.now().getEpochSecond(), message.text);
    }

    private List<JsonNode> answers(String contact) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(env.get("LIORA_SANDBOX_URL") + "/sandbox/conversations/"
                + env.get("LIORA_DEMO_PHONE_NUMBER_ID") + "/" + contact)).timeout(Duration.ofSeconds(30)).build();
        JsonNode messages = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body()).get("messages");
        List<JsonNode> out = new ArrayList<>();
        messages.forEach(m -> {
            if ("out".equals(m.get("direction").asText())) {
                out.add(m);
            }
        });
        return out;
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private static final class Sent {
        final String contact;
        final String text;
        volatile int status;
        volatile Instant ackedAt;

        Sent(String contact, String text) {
            this.contact = contact;
            this.text = text;
        }
    }
}
