package io.liora.conversation.handoff;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the agent inbox reads and sends. */
public final class ConversationDtos {

    private ConversationDtos() {
    }

    /**
     * One contact's conversation as the staff's list shows it.
     *
     * @param state           bot, waiting, agent or closed
     * @param unread          the customer's messages since the person holding it last answered or opened it
     * @param windowClosesAt  when WhatsApp's 24-hour window closes (after it, only templates reach the customer)
     */
    public record ConversationSummary(UUID contactId, String phone, String username, String profileName, String state,
            UUID assignedAgent, Instant handoffAt, String lastMessage, String lastDirection, Instant lastMessageAt,
            long unread, Instant windowClosesAt) {
    }

    /** A page of conversations, newest activity first; {@code nextCursor} continues it. */
    public record ConversationPage(List<ConversationSummary> items, String nextCursor) {
    }

    /**
     * One message of a transcript.
     *
     * @param author         customer, bot or agent
     * @param deliveryStatus for answers: queued, sent, delivered, read or failed, as Meta reported it
     * @param deliveryError  for a failed answer: Meta's code, title and details, and the fix when there is one
     */
    public record TranscriptEntry(UUID id, Instant at, String direction, String author, UUID agentId,
            String messageType, String text, String intent, String intentSource, String note, String deliveryStatus,
            String deliveryError, String mediaId, String mediaMimeType) {
    }

    /** A page of a transcript, newest first; {@code nextCursor} goes further back. */
    public record Transcript(ConversationSummary conversation, List<TranscriptEntry> messages, String nextCursor) {
    }

    /** Whom to give the conversation to: the caller when absent (owners and admins may name an agent). */
    public record AssignRequest(UUID agentId) {
    }

    /**
     * What a person sends: a text, within the 24-hour window; or, at any time, an approved template
     * (by name and language) with one text per variable of its body, and its header's media when the
     * template has an image, video or document header.
     */
    public record AgentMessage(@Size(min = 1, max = 4096) String text, @jakarta.validation.Valid TemplateChoice template) {

        public static AgentMessage ofText(String text) {
            return new AgentMessage(text, null);
        }

        /** What the transcript shows, and what the same Idempotency-Key must send again. */
        public String shown() {
            if (text != null) {
                return text;
            }
            String media = template.headerMedia() == null ? "" : " " + template.headerMedia().link();
            return "[plantilla " + template.name() + "]" + media + " " + String.join(" · ", template.parameters());
        }
    }

    public record TemplateChoice(@NotBlank @Size(max = 512) String name,
            @NotBlank @jakarta.validation.constraints.Pattern(regexp = "^[a-z]{2,3}(_[A-Z]{2})?$",
                    message = "a language code such as es") String language,
            @jakarta.validation.constraints.NotNull @Size(max = 20) List<@NotBlank @Size(max = 1024) String> parameters,
            @jakarta.validation.Valid HeaderMedia headerMedia) {

        /** Meta's template object. */
        public Map<String, Object> meta() {
            Map<String, Object> body = Map.of("type", "body", "parameters",
                    parameters.stream().map(p -> Map.of("type", "text", "text", p)).toList());
            List<Map<String, Object>> components = headerMedia == null ? List.of(body)
                    : List.of(Map.of("type", "header", "parameters", List.of(headerMedia.meta())), body);
            return Map.of("name", name, "language", Map.of("code", language), "components", components);
        }
    }

    /** A template header's media by its public https link (WhatsApp fetches it); a document's file name optional. */
    public record HeaderMedia(
            @NotBlank @jakarta.validation.constraints.Pattern(regexp = "^(image|video|document)$",
                    message = "image, video or document") String type,
            @NotBlank @Size(max = 2000) @jakarta.validation.constraints.Pattern(regexp = "^https://.+",
                    message = "an https:// address") String link,
            @Size(max = 240) String filename) {

        Map<String, Object> meta() {
            Map<String, Object> media = filename == null || !"document".equals(type) ? Map.of("link", link)
                    : Map.of("link", link, "filename", filename);
            return Map.of("type", type, type, media);
        }
    }

    /** Back to the bot, with a last text to the customer when given. */
    public record ReleaseRequest(@Size(min = 1, max = 4096) String text) {
    }

    /** An agent's message, queued at integrations-service (the same answer for the same Idempotency-Key). */
    /**
     * A template an agent may send (outside the 24-hour window too): fill {@code parameters} texts
     * for the body's {{1}}…{{n}}, and give {@code header_media} of this type when it is not null
     * (IMAGE, VIDEO or DOCUMENT).
     */
    public record TemplateOption(String name, String language, String category, String body, int parameters,
            String headerMedia) {
    }

    public record AgentMessageSent(UUID id, UUID outboundMessageId, String status) {
    }
}
