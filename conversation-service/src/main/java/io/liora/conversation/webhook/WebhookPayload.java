package io.liora.conversation.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liora.common.crypto.Sha256;
import io.liora.conversation.privacy.Tombstones;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Every message and status of a signed Meta webhook, each read on its own: all entries, all
 * changes, and whatever a hostile or broken sender put there. Nothing is dropped. A message that
 * cannot be read (no id, an over-long id or number, a list that is an object) becomes a
 * {@code malformed} item with the reason; a field that does not fit our columns is cut or left out
 * and named in {@link Message#anomalies()}, the item as Meta sent it kept in
 * {@link Message#original()}. Nothing here can make the whole delivery fail.
 */
record WebhookPayload(List<Message> messages, List<Status> statuses, int unreadableStatuses,
        List<TemplateEvent> templateEvents) {

    private static final Logger LOG = Logger.getLogger(WebhookPayload.class);
    /** Meta's ids of business numbers are digits. */
    private static final Pattern NUMBER_ID = Pattern.compile("^[0-9]{1,30}$");
    /** A customer's number as Meta writes it (wa_id): digits with the country code. */
    private static final Pattern PHONE = Pattern.compile("^[1-9][0-9]{6,14}$");
    /** A business-scoped user id: country code, a period, up to 128 alphanumerics (parents add ENT.). */
    private static final Pattern BSUID = Pattern.compile("^[A-Z]{2}\\.[A-Za-z0-9.]{1,150}$");
    private static final Pattern TYPE = Pattern.compile("^[a-z_]{1,30}$");
    private static final Set<String> MEDIA = Set.of("image", "audio", "video", "document", "sticker");
    private static final Set<String> STATUSES = Set.of("sent", "delivered", "read", "failed");
    /** Meta keeps a customer's media for this long; an agent must fetch it before. */
    static final Duration MEDIA_LIFETIME = Duration.ofDays(7);
    /** Timestamps before WhatsApp's API existed or more than a day ahead are not Meta's. */
    private static final long EARLIEST = 1_230_768_000L;
    static final int MAX_WAMID = 255;
    static final int MAX_NAME = 255;
    static final int MAX_USERNAME = 100;

    /**
     * A customer's message, as stored.
     *
     * @param phoneNumberId the business number it was sent to (cut to 100 when malformed)
     * @param wamid         Meta's id, or for an item without a usable one a key derived from its bytes
     * @param sender        who wrote, as far as the webhook says
     * @param type          Meta's type, {@code unknown} when it had none we could keep
     * @param message       the message object as JSON text, safe for PostgreSQL
     * @param original      the item exactly as Meta sent it (escaped JSON text), when anything differs
     * @param anomalies     what did not fit and how it was kept
     * @param malformed     why the message cannot be read, or {@code null}
     */
    record Message(String phoneNumberId, String wamid, Sender sender, String type, Instant sentAt, String message,
            String original, List<String> anomalies, String malformed, Media media) {

        boolean routable() {
            return malformed == null && NUMBER_ID.matcher(phoneNumberId).matches();
        }
    }

    /** An image, audio, video, document or sticker: Meta's id, to be fetched before it expires. */
    record Media(String id, String mimeType, Instant expiresAt) {
    }

    /**
     * A delivery status of one of our messages: to whom ({@code recipient_id}, a phone, or the
     * business-scoped {@code recipient_user_id}) and when, as Meta says.
     */
    record Status(String phoneNumberId, String wamid, String status, String item, String recipient,
            String recipientKind, Instant at) {
    }

    /**
     * One of Meta's template webhooks (a status, quality or category change), which names the
     * account (the entry's id), not a number: handed to integrations-service as it came.
     */
    record TemplateEvent(String wabaId, String field, JsonNode value) {
    }

    /** The webhook fields that are about templates. */
    static final Set<String> TEMPLATE_FIELDS = Set.of("message_template_status_update",
            "message_template_quality_update", "template_category_update");

    /** Only the delivery statuses of a payload. */
    WebhookPayload statusesOnly() {
        return new WebhookPayload(List.of(), statuses, 0, List.of());
    }

    static WebhookPayload parse(JsonNode root) {
        Reader reader = new Reader();
        reader.entries(root.get("entry"));
        return new WebhookPayload(reader.messages, reader.statuses, reader.unreadableStatuses, reader.templateEvents);
    }

    /** One pass over a delivery. */
    private static final class Reader {
        private final List<Message> messages = new ArrayList<>();
        private final List<Status> statuses = new ArrayList<>();
        private final List<TemplateEvent> templateEvents = new ArrayList<>();
        private int unreadableStatuses;
        private final Instant receivedAt = Instant.now();

        void entries(JsonNode entries) {
            if (entries == null || entries.isNull()) {
                return;
            }
            if (!entries.isArray()) {
                malformed("unknown", entries, "entry is not a list");
                return;
            }
            for (JsonNode entry : entries) {
                JsonNode changes = entry.get("changes");
                if (changes == null || changes.isNull()) {
                    continue;
                }
                if (!changes.isArray()) {
                    malformed("unknown", entry, "entry.changes is not a list");
                    continue;
                }
                for (JsonNode change : changes) {
                    if (TEMPLATE_FIELDS.contains(change.path("field").asText(""))) {
                        templateEvent(entry, change);
                    } else {
                        change(change.path("value"));
                    }
                }
            }
        }

        private void templateEvent(JsonNode entry, JsonNode change) {
            String account = scalar(entry.get("id"));
            JsonNode value = change.get("value");
            if (account == null || !NUMBER_ID.matcher(account).matches() || value == null || !value.isObject()) {
                LOG.infof("A template webhook (%s) without a usable account id or value: dropped",
                        change.path("field").asText());
                return;
            }
            templateEvents.add(new TemplateEvent(account, change.get("field").asText(), value));
        }

        private void change(JsonNode value) {
            JsonNode metadata = value.path("metadata");
            String number = scalar(metadata.get("phone_number_id"));
            JsonNode messageList = value.get("messages");
            JsonNode statusList = value.get("statuses");
            boolean hasItems = (messageList != null && !messageList.isNull())
                    || (statusList != null && !statusList.isNull());
            if (!hasItems) {
                return;
            }
            if (number == null) {
                malformed("unknown", value, "metadata.phone_number_id is missing");
                return;
            }
            String numberKey = SafeJson.text(number);
            String numberProblem = NUMBER_ID.matcher(number).matches() ? null : "metadata.phone_number_id is not Meta's numeric id";
            if (messageList != null && !messageList.isNull()) {
                if (!messageList.isArray()) {
                    malformed(numberKey, value, "messages is not a list");
                } else {
                    List<ContactInfo> contacts = contacts(value.get("contacts"));
                    for (JsonNode message : messageList) {
                        messages.add(message(numberKey, numberProblem, message, contacts, metadata));
                    }
                }
            }
            if (statusList != null && !statusList.isNull()) {
                if (!statusList.isArray() || numberProblem != null) {
                    unreadableStatuses++;
                    return;
                }
                for (JsonNode status : statusList) {
                    String wamid = scalar(status.get("id"));
                    String state = scalar(status.get("status"));
                    if (wamid == null || wamid.length() > MAX_WAMID || SafeJson.unsafe(wamid) || !STATUSES.contains(state)) {
                        unreadableStatuses++;
                        continue;
                    }
                    String phone = scalar(status.get("recipient_id"));
                    String recipient = phone != null ? phone : scalar(status.get("recipient_user_id"));
                    statuses.add(new Status(number, wamid, state, SafeJson.json(SafeJson.node(status)), recipient,
                            phone != null ? Tombstones.PHONE : Tombstones.BSUID, statusTime(status.get("timestamp"))));
                }
            }
        }

        private Message message(String number, String numberProblem, JsonNode message, List<ContactInfo> contacts,
                JsonNode metadata) {
            if (!message.isObject()) {
                return malformedMessage(number, message, "a message is not an object");
            }
            List<String> anomalies = new ArrayList<>();
            String wamid = scalar(message.get("id"));
            String problem = numberProblem;
            if (problem == null && (wamid == null || wamid.isBlank())) {
                problem = "the message has no id";
            } else if (problem == null && (wamid.length() > MAX_WAMID || SafeJson.unsafe(wamid))) {
                problem = "the message id is not one of Meta's (over 255 characters or unreadable)";
            }
            if (problem != null) {
                return malformedMessage(cut(number, 100), message, problem);
            }
            String type = scalar(message.get("type"));
            if (type == null || !TYPE.matcher(type).matches()) {
                anomalies.add("type is not one of Meta's; kept as unknown");
                type = "unknown";
            }
            Instant sentAt = timestamp(message.get("timestamp"), anomalies);
            ContactInfo contact = contactOf(message, contacts);
            Sender sender = sender(message, type, contact, anomalies);
            JsonNode safe = SafeJson.node(message);
            String original = null;
            if (safe != message || !anomalies.isEmpty()) {
                if (safe != message) {
                    anomalies.add("characters PostgreSQL cannot store replaced by U+FFFD");
                }
                ObjectNode item = JsonNodeFactory.instance.objectNode();
                item.set("metadata", metadata);
                item.set("contact", contact == null ? null : contact.node());
                item.set("message", message);
                original = SafeJson.asciiText(item);
            }
            return new Message(number, wamid, sender, type, sentAt, SafeJson.json(safe), original,
                    List.copyOf(anomalies), null, media(type, safe, sentAt));
        }

        private Sender sender(JsonNode message, String type, ContactInfo contact, List<String> anomalies) {
            String phone = phone(scalar(message.get("from")), "from", anomalies);
            String bsuid = bsuid(scalar(message.get("from_user_id")), "from_user_id", anomalies);
            String parent = bsuid(scalar(message.get("from_parent_user_id")), "from_parent_user_id", anomalies);
            String username = null;
            String name = null;
            if (contact != null) {
                phone = phone != null ? phone : contact.phone();
                bsuid = bsuid != null ? bsuid : contact.bsuid();
                parent = parent != null ? parent : contact.parentBsuid();
                username = limited(contact.username(), MAX_USERNAME, "profile.username", anomalies);
                name = limited(contact.name(), MAX_NAME, "profile.name", anomalies);
            }
            if (!"system".equals(type)) {
                return new Sender(phone, bsuid, parent, username, name, null, null);
            }
            // a changed number or user id: the new identifiers, and the previous ones to find the contact by
            JsonNode system = message.path("system");
            String change = scalar(system.get("type"));
            String previousBsuid = bsuid(scalar(system.get("previous_user_id")), "system.previous_user_id", anomalies);
            String newBsuid = bsuid(scalar(system.get("user_id")), "system.user_id", anomalies);
            String newParent = bsuid(scalar(system.get("parent_user_id")), "system.parent_user_id", anomalies);
            if ("user_changed_number".equals(change) || "customer_changed_number".equals(change)) {
                String newPhone = phone(scalar(system.has("wa_id") ? system.get("wa_id") : system.get("new_wa_id")),
                        "system.wa_id", anomalies);
                return new Sender(newPhone, newBsuid, newParent, username, name, phone,
                        previousBsuid != null ? previousBsuid : bsuid);
            }
            if ("user_changed_user_id".equals(change)) {
                return new Sender(phone, newBsuid != null ? newBsuid : bsuid, newParent != null ? newParent : parent,
                        username, name, null, previousBsuid);
            }
            return new Sender(phone, bsuid, parent, username, name, null, null);
        }

        /** The contacts[] entry of this message: same phone or BSUID, or the only one when it names neither. */
        private static ContactInfo contactOf(JsonNode message, List<ContactInfo> contacts) {
            String from = scalar(message.get("from"));
            String userId = scalar(message.get("from_user_id"));
            for (ContactInfo contact : contacts) {
                if ((from != null && from.equals(contact.phone())) || (userId != null && userId.equals(contact.bsuid()))) {
                    return contact;
                }
            }
            return from == null && userId == null && contacts.size() == 1 ? contacts.get(0) : null;
        }

        private static List<ContactInfo> contacts(JsonNode list) {
            List<ContactInfo> contacts = new ArrayList<>();
            if (list == null || !list.isArray()) {
                return contacts;
            }
            for (JsonNode contact : list) {
                if (!contact.isObject()) {
                    continue;
                }
                String phone = scalar(contact.get("wa_id"));
                String bsuid = scalar(contact.get("user_id"));
                contacts.add(new ContactInfo(phone != null && PHONE.matcher(phone).matches() ? phone : null,
                        bsuid != null && BSUID.matcher(bsuid).matches() ? bsuid : null,
                        validBsuid(scalar(contact.get("parent_user_id"))),
                        SafeJson.text(scalar(contact.path("profile").get("username"))),
                        SafeJson.text(scalar(contact.path("profile").get("name"))), contact));
            }
            return contacts;
        }

        /** A status's time; the time of receipt when Meta's is missing or out of range. */
        private Instant statusTime(JsonNode value) {
            return timestamp(value, new ArrayList<>());
        }

        private Instant timestamp(JsonNode value, List<String> anomalies) {
            String text = scalar(value);
            if (text != null) {
                try {
                    long seconds = Long.parseLong(text.strip());
                    if (seconds >= EARLIEST && seconds <= receivedAt.getEpochSecond() + 86_400) {
                        return Instant.ofEpochSecond(seconds);
                    }
                } catch (NumberFormatException e) {
                    // told below
                }
            }
            anomalies.add("timestamp missing or out of range; the time of receipt is used");
            return receivedAt;
        }

        private static Media media(String type, JsonNode message, Instant sentAt) {
            if (!MEDIA.contains(type)) {
                return null;
            }
            JsonNode media = message.path(type);
            String id = scalar(media.get("id"));
            if (id == null || id.length() > 255) {
                return null;
            }
            return new Media(id, cut(scalar(media.get("mime_type")), 100), sentAt.plus(MEDIA_LIFETIME));
        }

        private void malformed(String number, JsonNode node, String reason) {
            messages.add(malformedMessage(cut(number, 100), node, reason));
        }

        private Message malformedMessage(String number, JsonNode node, String reason) {
            String original = SafeJson.asciiText(node);
            JsonNode safe = SafeJson.node(node);
            if (!safe.isObject()) {
                safe = JsonNodeFactory.instance.objectNode().set("value", safe);
            }
            // no usable id: a key from the item's bytes, so Meta's retries of it are stored once
            String key = "liora:" + Sha256.hex(number + "\n" + original);
            return new Message(number, key, Sender.NOBODY, "unknown", receivedAt, SafeJson.json(safe), original,
                    List.of(), reason, null);
        }
    }

    /** A {@code contacts[]} entry. */
    private record ContactInfo(String phone, String bsuid, String parentBsuid, String username, String name,
            JsonNode node) {
    }

    private static String phone(String value, String field, List<String> anomalies) {
        if (value == null) {
            return null;
        }
        if (PHONE.matcher(value).matches()) {
            return value;
        }
        anomalies.add(field + " is not a phone number; left out (kept in original)");
        return null;
    }

    private static String bsuid(String value, String field, List<String> anomalies) {
        if (value == null) {
            return null;
        }
        if (BSUID.matcher(value).matches()) {
            return value;
        }
        anomalies.add(field + " is not a business-scoped user id; left out (kept in original)");
        return null;
    }

    private static String validBsuid(String value) {
        return value != null && BSUID.matcher(value).matches() ? value : null;
    }

    private static String limited(String value, int max, String field, List<String> anomalies) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        anomalies.add(field + " over " + max + " characters; cut (kept in original)");
        return cut(value, max);
    }

    /** A string, number or boolean as text; {@code null} for anything else. */
    private static String scalar(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static String cut(String value, int max) {
        if (value == null || value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }
}
