package io.liora.integrations.whatsapp;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.liora.common.problem.Problem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A message to send, in Meta's own shape, with Meta's limits checked before it is queued (text
 * 4096; up to 3 reply buttons with titles of 20; lists with up to 10 rows in all, row titles 24,
 * descriptions 72, button text 20; ids 200).
 */
public final class MessageDtos {

    static final String MSISDN = "^[1-9][0-9]{6,14}$";
    /** A business-scoped user id: country code, a period, alphanumerics (a parent BSUID has ENT.). */
    static final String BSUID = "^[A-Z]{2}\\.[A-Za-z0-9.]{1,150}$";

    private MessageDtos() {
    }

    /**
     * @param to        the customer's phone (Meta's wa_id); or
     * @param recipient the customer's business-scoped user id, for a customer without a known phone
     * @param contactId conversation-service's contact, so the contact's opt-out holds whatever the address
     */
    public record SendRequest(
            @Schema(example = "56912345678")
            @Pattern(regexp = MSISDN, message = "digits only, with country code (Meta's wa_id)") String to,
            @Schema(example = "CL.1502576394655843")
            @Pattern(regexp = BSUID, message = "a business-scoped user id such as CL.1502576394655843") String recipient,
            UUID contactId,
            @Schema(example = "106540352242922")
            @NotBlank @Pattern(regexp = "^[0-9]{1,30}$", message = "Meta's numeric id") String phoneNumberId,
            @Schema(example = "text")
            @NotBlank @Pattern(regexp = "^(text|interactive|template)$", message = "text, interactive or template")
            String type,
            @Valid Text text,
            @Valid Interactive interactive,
            @Schema(description = "An approved template with its text parameters: the only message Meta takes "
                    + "outside the 24-hour customer-service window")
            @Valid Template template,
            @Size(max = 255) String replyTo,
            @Schema(example = "wamid.HBgLNTY5MTIzNDU2NzgVAgASGBQzQTdCRjE2N0Q2:1")
            @NotBlank @Size(max = 200) String idempotencyKey) {
    }

    /** Meta's template message: the template by name and language, and text parameters for its variables. */
    public record Template(@NotBlank @Size(max = 512) String name, @NotNull @Valid Language language,
            @Size(max = 10) List<@Valid @NotNull TemplateComponent> components) {
    }

    public record Language(@NotBlank @Pattern(regexp = "^[a-z]{2,3}(_[A-Z]{2})?$", message = "a code such as es")
            String code) {
    }

    public record TemplateComponent(
            @NotBlank @Pattern(regexp = "^(header|body)$", message = "header or body") String type,
            @Size(max = 20) List<@Valid @NotNull TemplateParameter> parameters) {
    }

    /**
     * One of a template message's parameters, in Meta's shape: a text for a variable, or the header's
     * media ({@code image}, {@code video} or {@code document}) by link or uploaded id.
     */
    public record TemplateParameter(
            @NotBlank @Pattern(regexp = "^(text|image|video|document)$", message = "text, image, video or document")
            String type,
            @Size(max = 1024) String text,
            @Valid Media image,
            @Valid Media video,
            @Valid Media document) {

        public static TemplateParameter text(String text) {
            return new TemplateParameter("text", text, null, null, null);
        }

        /** The media given for {@code type}, or {@code null}. */
        public Media media() {
            return switch (type) {
                case "image" -> image;
                case "video" -> video;
                case "document" -> document;
                default -> null;
            };
        }
    }

    /** A template header's media: Meta fetches {@code link}, or uses media already uploaded to it by {@code id}. */
    public record Media(
            @Schema(example = "https://tienda.example.com/img/oferta.jpg") @Size(max = 2000) String link,
            @Size(max = 100) String id,
            @Schema(description = "A document's file name as the customer sees it") @Size(max = 240) String filename) {
    }

    public record Text(@Schema(example = "¡Hola! ¿En qué te ayudo?") @NotBlank @Size(max = 4096) String body,
            Boolean previewUrl) {
    }

    public record Interactive(
            @NotBlank @Pattern(regexp = "^(button|list)$", message = "button or list") String type,
            @Valid TextBlock header,
            @NotNull @Valid TextBlock body,
            @Valid TextBlock footer,
            @NotNull @Valid Action action) {
    }

    public record TextBlock(@Pattern(regexp = "^text$", message = "text") String type,
            @NotBlank @Size(max = 1024) String text) {
    }

    public record Action(
            @Size(min = 1, max = 3, message = "1 to 3 reply buttons") List<@Valid Button> buttons,
            @Size(max = 20) String button,
            @Size(min = 1, max = 10, message = "1 to 10 sections") List<@Valid Section> sections) {
    }

    public record Button(@Pattern(regexp = "^reply$", message = "reply") String type, @NotNull @Valid Reply reply) {
    }

    public record Reply(@NotBlank @Size(max = 200) String id, @NotBlank @Size(max = 20) String title) {
    }

    public record Section(@Size(max = 24) String title, @NotEmpty @Size(max = 10) List<@Valid Row> rows) {
    }

    public record Row(@NotBlank @Size(max = 200) String id, @NotBlank @Size(max = 24) String title,
            @Size(max = 72) String description) {
    }

    public record ReadRequest(@NotBlank @Size(max = 255) String messageId,
            @NotBlank @Pattern(regexp = "^[0-9]{1,30}$", message = "Meta's numeric id") String phoneNumberId) {
    }

    public record Queued(UUID id, String status) {
    }

    /**
     * One tenant's replies, queued in their order in one transaction: text and interactive messages
     * only (a template is checked against its approved form and the monthly cap: one at a time).
     */
    public record SendBatch(@NotNull @Size(min = 1, max = MAX_BATCH) List<@Valid @NotNull SendRequest> messages) {
    }

    /** At most this many messages in one batch. */
    public static final int MAX_BATCH = 100;

    /**
     * What became of one message of a batch, in the batch's order: queued (or queued already under its
     * key: its id and status), or refused with the problem {@code POST /messages} would have answered.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchItem(UUID id, String status, Problem problem) {
    }

    public record BatchResult(List<BatchItem> results) {
    }

    public record MessageView(UUID id, String idempotencyKey, String to, UUID contactId, String phoneNumberId, String type,
            String status, int attempts, String wamid, Integer errorCode, String errorTitle, Instant createdAt,
            Instant statusAt) {

        static MessageView of(OutboundMessage m) {
            return new MessageView(m.id, m.idempotencyKey, m.recipient, m.contactId, m.phoneNumberId, m.messageType, m.status,
                    m.attempts, m.wamid, m.errorCode, m.errorTitle, m.createdAt, m.statusAt);
        }
    }

    public record MessagePage(List<MessageView> items, int page, int size, long total) {
    }

    /** One of Meta's {@code statuses[]} items, as conversation-service forwards them. */
    public record StatusUpdate(@NotBlank @Size(max = 255) String id,
            @NotBlank @Pattern(regexp = "^(sent|delivered|read|failed)$", message = "sent, delivered, read or failed")
            String status,
            @Pattern(regexp = "^[0-9]{1,12}$", message = "unix seconds") String timestamp,
            List<@Valid StatusError> errors,
            @Schema(description = "What the message was sent with; Meta echoes it (ours: liora:<message id>)")
            @Size(max = 512) String bizOpaqueCallbackData,
            @Valid Pricing pricing) {
    }

    /**
     * How Meta priced the message ({@code statuses[].pricing}). Values longer than our columns are
     * cut, never refused: a status batch is not held back by a field we only report.
     */
    @Schema(description = "Meta's pricing of the message: billable (older payloads), pricing_model (PMP), "
            + "category (marketing, utility, authentication, service, ...), type (regular, free_customer_service, "
            + "free_entry_point)")
    public record Pricing(Boolean billable, String pricingModel, String category, String type) {

        /** Billed: Meta's type is {@code regular}; without a type (older payloads), its billable flag. */
        public boolean billed() {
            return type != null ? "regular".equals(type) : Boolean.TRUE.equals(billable);
        }
    }

    public record StatusError(Integer code, @Size(max = 500) String title) {
    }

    /** A contact who asked to receive nothing more, and the one message still allowed: the confirmation. */
    public record OptOutRequest(
            @Pattern(regexp = MSISDN, message = "digits only, with country code (Meta's wa_id)") String phone,
            @Pattern(regexp = BSUID, message = "a business-scoped user id such as CL.1502576394655843") String bsuid,
            @Schema(description = "Idempotency key of the opt-out's confirmation, which is still sent")
            @Size(max = 200) String confirmationKey) {
    }

    public record StatusBatch(@NotNull @Size(max = 1000) List<@Valid StatusUpdate> statuses) {
    }

    public record StatusResult(int applied, int ignored) {
    }
}
