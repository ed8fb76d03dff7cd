package io.liora.sandbox;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The WhatsApp Cloud API's send route, checked as Meta checks it (token, required fields, the
 * limits of texts, buttons and lists), answering in Meta's success or error shape, and then
 * sending the sent, delivered and read statuses as signed webhooks.
 */
@Path("/{version}/{phoneNumberId}/messages")
public class GraphResource {

    private static final Logger LOG = Logger.getLogger(GraphResource.class);
    private static final Duration STATUS_RETRY_FIRST = Duration.ofMillis(500);
    private static final Duration STATUS_RETRY_MAX = Duration.ofSeconds(5);
    private static final Duration STATUS_RETRY_FOR = Duration.ofMinutes(10);

    private final Numbers numbers;
    private final Chats chats;
    private final Faults faults;
    private final MetaWebhooks webhooks;
    private final Templates templates;

    public GraphResource(Numbers numbers, Chats chats, Faults faults, MetaWebhooks webhooks, Templates templates) {
        this.templates = templates;
        this.numbers = numbers;
        this.chats = chats;
        this.faults = faults;
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> send(@PathParam("phoneNumberId") String phoneNumberId,
            @HeaderParam("Authorization") String authorization, Map<String, Object> body, HttpServerRequest request) {
        Faults.Settings settings = faults.settings();
        Uni<Void> latency = settings.latencyMs() > 0
                ? Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(settings.latencyMs()))
                : Uni.createFrom().voidItem();
        return latency.map(ignored -> answer(phoneNumberId, authorization, body, request));
    }

    private Response answer(String phoneNumberId, String authorization, Map<String, Object> body,
            HttpServerRequest request) {
        if (!numbers.known(phoneNumberId)) {
            return MetaErrors.of(400, 100, "Unsupported post request. Object with ID '" + phoneNumberId
                    + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.");
        }
        if (!numbers.authorised(phoneNumberId, authorization)) {
            return MetaErrors.of(401, 190, "Error validating access token: The session is invalid.");
        }
        switch (faults.next()) {
            case DROP -> {
                request.connection().close();
                return Response.status(502).build();
            }
            case THROTTLE -> {
                return MetaErrors.of(429, 130429, "(#130429) Rate limit hit");
            }
            case PAIR_LIMIT -> {
                return MetaErrors.of(400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit");
            }
            case SERVER_ERROR -> {
                return MetaErrors.of(500, 1, "An unknown error occurred");
            }
            default -> {
            }
        }
        if (body == null || !"whatsapp".equals(body.get("messaging_product"))) {
            return MetaErrors.invalid("messaging_product must be whatsapp");
        }
        if ("read".equals(body.get("status"))) {
            return body.get("message_id") == null ? MetaErrors.invalid("message_id is required")
                    : Response.ok(Map.of("success", true)).build();
        }
        String problem = MessageLimits.problem(body);
        if (problem != null) {
            return MetaErrors.invalid(problem);
        }
        // Meta takes the phone (to) when both are given; a username-only customer is reached by BSUID
        Recipient recipient = body.get("to") != null ? Recipient.phone(String.valueOf(body.get("to")))
                : Recipient.bsuid(String.valueOf(body.get("recipient")));
        String handle = chats.handleOf(recipient);
        // the sandbox's answers are replies in an open window, free; a template is billed by its category
        Map<String, Object> pricing = MetaWebhooks.SERVICE_PRICING;
        String wamid = MetaWebhooks.wamid();
        ChatMessage shown = ChatMessage.answer(phoneNumberId, handle, body, wamid);
        if ("template".equals(body.get("type"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> wanted = (Map<String, Object>) body.get("template");
            Object language = ((Map<?, ?>) wanted.get("language")).get("code");
            var template = templates.find(String.valueOf(wanted.get("name")), String.valueOf(language))
                    .filter(t -> "APPROVED".equals(t.status()));
            if (template.isEmpty()) {
                return MetaErrors.of(404, 132001, "(#132001) Template name does not exist in the translation");
            }
            if (Templates.mediaFormat(template.get()) != null && Templates.headerMedia(template.get(), wanted) == null) {
                return MetaErrors.of(400, 132012, "(#132012) Parameter format does not match format in the created "
                        + "template: header: expected " + Templates.mediaFormat(template.get()));
            }
            pricing = MetaWebhooks.templatePricing(template.get().category());
            shown = shown.withText(Templates.render(template.get(), wanted));
        } else if (!chats.windowOpen(phoneNumberId, handle)) {
            return MetaErrors.of(400, 131047, "(#131047) Re-engagement message: more than 24 hours have passed since "
                    + "the customer last replied; only a template can be sent");
        }
        chats.add(shown);
        Object callbackData = body.get("biz_opaque_callback_data");
        sendStatuses(phoneNumberId, recipient, wamid, callbackData == null ? null : callbackData.toString(), pricing);
        Map<String, Object> contact = recipient.bsuid() != null
                ? Map.of("input", recipient.bsuid(), "user_id", recipient.bsuid())
                : Map.of("input", recipient.phone(), "wa_id", recipient.phone());
        return Response.ok(Map.of("messaging_product", "whatsapp", "contacts", List.of(contact),
                "messages", List.of(Map.of("id", wamid)))).build();
    }

    /**
     * sent, delivered and read, a moment apart, as signed webhooks (late or twice when asked); like
     * Meta, a status webhook that is not answered 200 is delivered again later.
     */
    private void sendStatuses(String phoneNumberId, Recipient to, String wamid, String callbackData,
            Map<String, Object> pricing) {
        Faults.Settings settings = faults.settings();
        long delay = settings.statusDelayMs();
        int copies = settings.duplicateStatuses() ? 2 : 1;
        String[] statuses = {"sent", "delivered", "read"};
        long[] after = {150, 400, 1200};
        for (int i = 0; i < statuses.length; i++) {
            String status = statuses[i];
            for (int copy = 0; copy < copies; copy++) {
                Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(after[i] + delay))
                        .invoke(() -> chats.status(wamid, status))
                        .chain(() -> webhooks.status(phoneNumberId, wamid, status, to, callbackData, pricing)
                                .onFailure().recoverWithItem(0)
                                .invoke(code -> {
                                    if (code != 200) {
                                        throw new IllegalStateException("answered " + code);
                                    }
                                })
                                .onFailure().retry().withBackOff(STATUS_RETRY_FIRST, STATUS_RETRY_MAX)
                                .expireIn(STATUS_RETRY_FOR.toMillis()))
                        .subscribe().with(code -> {
                        }, failure -> LOG.debugf("status webhook %s for %s given up: %s", status, wamid, failure));
            }
        }
    }
}
