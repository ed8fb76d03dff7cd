package io.liora.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Webhooks shaped and signed as Meta's: an entry with one change whose value holds the metadata,
 * contacts and messages or statuses; non-ASCII escaped as {@code \\uXXXX} in the bytes that are
 * signed (HMAC-SHA256 with the app secret, {@code X-Hub-Signature-256}).
 */
@ApplicationScoped
public class MetaWebhooks {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    static final String WABA_ID = "200000000000001";

    private final ConversationWebhookApi conversation;
    private final SandboxConfig config;

    public MetaWebhooks(@RestClient ConversationWebhookApi conversation, SandboxConfig config) {
        this.conversation = conversation;
        this.config = config;
    }

    /** A fresh message id in Meta's style. */
    public static String wamid() {
        return "wamid.HBgL" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    /**
     * Delivers a customer's message; answers the HTTP status conversation-service gave. A customer
     * with a username and a hidden phone comes with the BSUID ({@code user_id}) and the username,
     * and without {@code wa_id}, as Meta sends them.
     */
    public Uni<Integer> message(String phoneNumberId, Customer customer, Map<String, Object> message) {
        Map<String, Object> value = value(phoneNumberId);
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", customer.name() != null ? customer.name()
                : customer.phone() != null ? customer.phone() : customer.username());
        if (customer.username() != null) {
            profile.put("username", customer.username());
        }
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("profile", profile);
        if (customer.phone() != null) {
            contact.put("wa_id", customer.phone());
        }
        if (customer.bsuid() != null) {
            contact.put("user_id", customer.bsuid());
        }
        value.put("contacts", List.of(contact));
        value.put("messages", List.of(message));
        return deliver(value);
    }

    /** How Meta prices a free-form reply inside the customer-service window (per-message pricing). */
    static final Map<String, Object> SERVICE_PRICING = Map.of("billable", false, "pricing_model", "PMP",
            "category", "service", "type", "free_customer_service");

    /**
     * Delivers a delivery status of an answer, with the {@code biz_opaque_callback_data} the
     * business sent it with (Meta echoes it in every status), when there was one.
     */
    /** How Meta prices a template: per delivered message, by its category. */
    static Map<String, Object> templatePricing(String category) {
        return Map.of("billable", true, "pricing_model", "PMP", "category", category.toLowerCase(java.util.Locale.ROOT),
                "type", "regular");
    }

    public Uni<Integer> status(String phoneNumberId, String wamid, String status, Recipient recipient,
            String callbackData, Map<String, Object> pricing) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", wamid);
        item.put("status", status);
        item.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        if (recipient.phone() != null) {
            item.put("recipient_id", recipient.phone());
        } else {
            item.put("recipient_user_id", recipient.bsuid());
        }
        if (callbackData != null) {
            item.put("biz_opaque_callback_data", callbackData);
        }
        item.put("pricing", pricing);
        Map<String, Object> value = value(phoneNumberId);
        value.put("statuses", List.of(item));
        return deliver(value);
    }

    /** Meta's {@code message_template_status_update}: the account's template was approved, rejected, ... */
    public Uni<Integer> templateStatus(String templateId, String name, String language, String event, String reason) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("event", event);
        value.put("message_template_id", Long.parseLong(templateId));
        value.put("message_template_name", name);
        value.put("message_template_language", language);
        value.put("reason", reason == null ? "NONE" : reason);
        return deliver("message_template_status_update", value);
    }

    private Uni<Integer> deliver(Map<String, Object> value) {
        return deliver("messages", value);
    }

    private Uni<Integer> deliver(String field, Map<String, Object> value) {
        Map<String, Object> body = Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of(
                "id", WABA_ID, "time", Instant.now().getEpochSecond(), "changes", List.of(Map.of("value", value,
                        "field", field)))));
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return conversation.deliver(sign(config.appSecret(), bytes), bytes).map(response -> response.getStatus())
                .onFailure(WebApplicationException.class)
                .recoverWithItem(e -> ((WebApplicationException) e).getResponse().getStatus());
    }

    private static Map<String, Object> value(String phoneNumberId) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("messaging_product", "whatsapp");
        value.put("metadata", Map.of("display_phone_number", "1555" + phoneNumberId.substring(
                Math.max(0, phoneNumberId.length() - 7)), "phone_number_id", phoneNumberId));
        return value;
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
