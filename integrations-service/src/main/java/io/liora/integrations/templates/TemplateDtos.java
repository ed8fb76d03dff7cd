package io.liora.integrations.templates;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Message templates as Meta's Graph API takes them, and as Liora shows them. */
public final class TemplateDtos {

    private TemplateDtos() {
    }

    /**
     * A template to submit. {@code components} are Meta's: one BODY (required, up to 1024 characters),
     * an optional HEADER (format TEXT, up to 60 characters; or IMAGE, VIDEO or DOCUMENT with a sample's
     * handle from Meta's Resumable Upload API), FOOTER (up to 60) and BUTTONS; variables are
     * {@code {{1}}}, {@code {{2}}}, ... in order, each with an example.
     */
    public record TemplateCreate(
            @Schema(example = "106540352242922", description = "A number of the account the template is for")
            @NotBlank @Pattern(regexp = "^[0-9]{1,30}$", message = "Meta's numeric id") String phoneNumberId,
            @Schema(example = "pedido_listo")
            @NotBlank @Pattern(regexp = "^[a-z0-9_]{1,512}$", message = "lower-case letters, digits and _ (Meta's rule)")
            String name,
            @Schema(example = "es")
            @NotBlank @Pattern(regexp = "^[a-z]{2,3}(_[A-Z]{2})?$", message = "a language code such as es or es_CL")
            String language,
            @Schema(example = "UTILITY")
            @NotBlank @Pattern(regexp = "^(MARKETING|UTILITY|AUTHENTICATION)$",
                    message = "MARKETING, UTILITY or AUTHENTICATION") String category,
            @NotEmpty @Size(max = 6) List<@Valid @NotNull Component> components) {
    }

    public record Component(
            @NotBlank @Pattern(regexp = "^(HEADER|BODY|FOOTER|BUTTONS)$", message = "HEADER, BODY, FOOTER or BUTTONS")
            String type,
            @Pattern(regexp = "^(TEXT|IMAGE|VIDEO|DOCUMENT)$", message = "TEXT, IMAGE, VIDEO or DOCUMENT") String format,
            @Size(max = 1024) String text,
            @Schema(description = "Meta's examples: body_text [[...]] for the body, header_text [...] for a text header, "
                    + "header_handle [\"<handle>\"] for a media header (a sample uploaded with Meta's Resumable Upload API)")
            Map<String, Object> example,
            @Size(max = 10) List<@Valid @NotNull Button> buttons) {
    }

    public record Button(
            @NotBlank @Pattern(regexp = "^(QUICK_REPLY|URL|PHONE_NUMBER)$", message = "QUICK_REPLY, URL or PHONE_NUMBER")
            String type,
            @NotBlank @Size(max = 25) String text,
            @Size(max = 2000) String url,
            @Size(max = 20) String phoneNumber) {
    }

    public record TemplateView(UUID id, String phoneNumberId, String wabaId, String name, String language,
            String category, List<Map<String, Object>> components, String status, String reason, String quality,
            String metaTemplateId, int bodyVariables, int headerVariables,
            @Schema(description = "IMAGE, VIDEO or DOCUMENT when each message must give that header its media; else null")
            String headerMedia, Instant statusAt, Instant createdAt) {

        static TemplateView of(MessageTemplate template) {
            List<Map<String, Object>> components = template.components();
            TemplateShape shape = TemplateShape.of(components);
            return new TemplateView(template.id, template.phoneNumberId, template.wabaId, template.name,
                    template.language, template.category, components, template.status, template.reason,
                    template.quality, template.metaTemplateId, shape.bodyVariables(), shape.headerVariables(),
                    shape.headerMedia(), template.statusAt, template.createdAt);
        }
    }

    public record TemplatePage(List<TemplateView> items, int page, int size, long total) {
    }

    /**
     * One of Meta's template webhooks, forwarded by conversation-service: the account (entry id),
     * the field and its value as Meta sent it.
     */
    public record TemplateEvent(
            @NotBlank @Size(max = 100) String wabaId,
            @NotBlank @Pattern(regexp = "^(message_template_status_update|message_template_quality_update"
                    + "|template_category_update)$", message = "a template webhook field") String field,
            @NotNull Map<String, Object> value) {
    }

    public record TemplateEventBatch(@NotNull @Size(max = 1000) List<@Valid @NotNull TemplateEvent> events) {
    }

    public record TemplateEventResult(int applied, int ignored) {
    }
}
