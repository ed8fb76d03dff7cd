package io.liora.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Meta's side of the webhook: builds and signs what Meta would post to conversation-service. */
final class Meta {

    /** The status a post gets when no HTTP answer came at all (refused or reset connection). */
    static final int NO_ANSWER = 599;

    private final HttpClient http;
    private final URI webhook;
    private final SecretKeySpec appSecret;

    Meta(Stack stack, HttpClient http) {
        this.http = http;
        this.webhook = URI.create(stack.webhookUrl() + "/webhook/meta");
        this.appSecret = new SecretKeySpec(stack.env().get("LIORA_META_APP_SECRET").getBytes(StandardCharsets.UTF_8),
                "HmacSHA256");
    }

    /** Posts a signed webhook body; answers the HTTP status, or {@link #NO_ANSWER}. */
    CompletableFuture<Integer> post(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + hmac(bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode)
                .exceptionally(error -> NO_ANSWER);
    }

    /** The webhook of one customer message: a text or a tapped list row. */
    static String message(String phoneNumberId, String contact, String wamid, long timestamp, Script.Step step) {
        String content = step.replyId() == null
                ? "\"type\":\"text\",\"text\":{\"body\":\"%s\"}".formatted(step.text())
                : "\"type\":\"interactive\",\"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"%s\",\"title\":\"Producto\"}}"
                        .formatted(step.replyId());
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"0","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"0","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Carga"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d",%s}]}}]}]}"""
                .formatted(phoneNumberId, contact, contact, wamid, timestamp, content);
    }

    /** One keyed {@code Mac} per thread, made once: not a provider lookup and a key schedule per webhook. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(appSecret);
            return mac;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String hmac(byte[] body) {
        return HexFormat.of().formatHex(macs.get().doFinal(body)); // doFinal leaves the Mac ready again
    }
}
