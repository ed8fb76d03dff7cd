package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.testing.TestTokens;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Meta-shaped webhook bodies, signed like Meta signs them, and the tenant-service stubs they need. */
final class Webhooks {

    static final String SECRET = "test-app-secret-new";

    private Webhooks() {
    }

    static void tenantService(WireMockServer wiremock) {
        wiremock.stubFor(post("/tenant/oauth/token").willReturn(okJson("{\"access_token\":\""
                + TestTokens.service("conversation-service") + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
    }

    /** A business number of its own for a test (15 digits, as Meta's phone number ids). */
    static String newNumber() {
        return String.valueOf(100_000_000_000_000L + (long) (Math.random() * 1e14));
    }

    static void number(WireMockServer wiremock, String phoneNumberId, UUID tenant, String clienteEstado) {
        number(wiremock, phoneNumberId, tenant, clienteEstado, "{}");
    }

    /** @param policy the tenant's bot policy as tenant-service returns it (JSON) */
    static void number(WireMockServer wiremock, String phoneNumberId, UUID tenant, String clienteEstado, String policy) {
        wiremock.stubFor(get("/tenant/internal/waba/by-phone-number/" + phoneNumberId).willReturn(okJson(
                "{\"cliente_id\":\"" + tenant + "\",\"waba_account_id\":\"" + UUID.randomUUID()
                        + "\",\"estado\":\"activo\",\"cliente_estado\":\"" + clienteEstado
                        + "\",\"cliente_slug\":\"tienda\",\"plan\":\"pro\",\"policy\":" + policy + "}")));
    }

    static void unknownNumber(WireMockServer wiremock, String phoneNumberId) {
        wiremock.stubFor(get("/tenant/internal/waba/by-phone-number/" + phoneNumberId).willReturn(notFound()
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"urn:liora:problem:not-found\",\"status\":404}")));
    }

    /** One change's value with text messages: {@code messages} are JSON message objects. */
    static String body(String phoneNumberId, String contacts, String messages, String statuses) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"200000000000001\",\"changes\":[{"
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001111\","
                + "\"phone_number_id\":\"" + phoneNumberId + "\"},\"contacts\":[" + contacts + "],\"messages\":["
                + messages + "],\"statuses\":[" + statuses + "]},\"field\":\"messages\"}]}]}";
    }

    static String contact(String waId, String name) {
        return "{\"profile\":{\"name\":\"" + name + "\"},\"wa_id\":\"" + waId + "\"}";
    }

    /** A username-only customer: BSUID and username, no phone anywhere. */
    static String usernameContact(String bsuid, String username, String name) {
        return "{\"profile\":{\"name\":\"" + name + "\",\"username\":\"" + username + "\"},\"user_id\":\"" + bsuid + "\"}";
    }

    /** A customer with both: the phone and the BSUID Meta added in 2026. */
    static String contactWithBsuid(String waId, String bsuid, String name) {
        return "{\"profile\":{\"name\":\"" + name + "\"},\"wa_id\":\"" + waId + "\",\"user_id\":\"" + bsuid + "\"}";
    }

    /** A text from a username-only customer: no {@code from}, the BSUID in {@code from_user_id}. */
    static String textFromUser(String wamid, String bsuid, long timestamp, String text) {
        return "{\"from_user_id\":\"" + bsuid + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + timestamp
                + "\",\"text\":{\"body\":\"" + text + "\"},\"type\":\"text\"}";
    }

    /** Any message type: {@code object} is the type's own JSON object (e.g. an image's id and caption). */
    static String typed(String wamid, String from, String type, String object) {
        return "{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + now()
                + "\",\"type\":\"" + type + "\",\"" + type + "\":" + object + "}";
    }

    static String text(String wamid, String from, long timestamp, String text) {
        return "{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + timestamp
                + "\",\"text\":{\"body\":\"" + text + "\"},\"type\":\"text\"}";
    }

    static String listReply(String wamid, String from, long timestamp, String id, String title) {
        return "{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + timestamp
                + "\",\"type\":\"interactive\",\"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":\""
                + id + "\",\"title\":\"" + title + "\"}}}";
    }

    static String buttonReply(String wamid, String from, long timestamp, String id, String title) {
        return "{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + timestamp
                + "\",\"type\":\"interactive\",\"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":\""
                + id + "\",\"title\":\"" + title + "\"}}}";
    }

    static String status(String wamid, String status, String recipient) {
        return "{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + now()
                + "\",\"recipient_id\":\"" + recipient + "\"}";
    }

    static Response deliver(String body) {
        return postSigned(body.getBytes(StandardCharsets.UTF_8), sign(SECRET, body.getBytes(StandardCharsets.UTF_8)));
    }

    static Response postSigned(byte[] body, String signature) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.post("/webhook/meta");
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String wamid() {
        return "wamid.HBgL" + UUID.randomUUID().toString().replace("-", "");
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
