package io.liora.conversation.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.common.problem.ProblemException;
import io.liora.common.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** Meta's webhook: subscription check (GET) and deliveries (POST). */
@Path("/webhook/meta")
@PermitAll
@Tag(name = "webhook", description = "Meta's WhatsApp webhook")
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Meta's webhooks are far smaller; anything larger is not Meta. */
    static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

    /** A text message as Meta delivers it: the OpenAPI example of the body. */
    private static final String WEBHOOK_EXAMPLE = """
            {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{
              "field": "messages", "value": {"messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "56922334455", "phone_number_id": "106540352242922"},
                "contacts": [{"profile": {"name": "Ana"}, "wa_id": "56912345678"}],
                "messages": [{"from": "56912345678", "id": "wamid.HBgLNTY5MTIzNDU2NzgVAgASGBQzQTdCRjE2N0Q2",
                  "timestamp": "1795939200", "type": "text", "text": {"body": "buscar zapatillas"}}]}}]}]}
            """;

    private final MetaConfig meta;
    private final InboxService inbox;
    private final TemplateEventForwarder templates;

    public WebhookResource(MetaConfig meta, InboxService inbox, TemplateEventForwarder templates) {
        this.meta = meta;
        this.inbox = inbox;
        this.templates = templates;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "verifyWebhook", summary = "Meta's subscription check: answers hub.challenge")
    @APIResponse(responseCode = "200", description = "The challenge")
    @APIResponse(responseCode = "403", description = "Wrong mode or verify token")
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        boolean tokenMatches = token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                meta.verifyToken().getBytes(StandardCharsets.UTF_8));
        if (!"subscribe".equals(mode) || !tokenMatches || challenge == null) {
            throw new ProblemException(ProblemType.FORBIDDEN, "hub.mode or hub.verify_token is wrong");
        }
        return Response.ok(challenge, MediaType.TEXT_PLAIN).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "receiveWebhook", summary = "Messages and statuses from Meta, signed with the app secret",
            description = "Answered 200 only once every message is stored; 503 when it cannot be, so Meta retries.")
    @APIResponse(responseCode = "200", description = "Stored (or unroutable and kept)")
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Hub-Signature-256")
    @APIResponse(responseCode = "413", description = "Body over 3 MiB")
    @APIResponse(responseCode = "503", description = "Could not store; Meta retries")
    @RequestBody(required = true, description = "Meta's webhook payload; the signature covers these exact bytes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
                    example = WEBHOOK_EXAMPLE))
    public Uni<Response> receive(@HeaderParam("X-Hub-Signature-256") String signature, byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (raw.length > MAX_BODY_BYTES) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "A webhook body has at most 3 MiB");
        }
        if (!WebhookSignature.valid(signature, raw, meta.appSecrets())) {
            // the body is not logged: it is not known to be Meta's
            throw new ProblemException("bad-signature", 401, "Bad signature",
                    "X-Hub-Signature-256 is missing or does not match the body");
        }
        JsonNode root;
        try {
            root = JSON.readTree(raw);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_BODY, "The body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_BODY, "The body is not a webhook object");
        }
        WebhookPayload payload = WebhookPayload.parse(root);
        // the stored messages wake the workers of every replica through the database (InboxWakeUps);
        // statuses alone wait for the next timed round: three per reply would each start one
        return inbox.store(payload)
                .call(stored -> templates.forward(payload.templateEvents()))
                .map(stored -> Response.ok("EVENT_RECEIVED").build())
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> {
                    LOG.warnf("Could not store a webhook (%s); answering 503 so Meta retries", e.toString());
                    return new ProblemException(ProblemType.UNAVAILABLE, "Could not store the delivery; retry later")
                            .withHeader("Retry-After", "5");
                });
    }
}
