package io.liora.sandbox;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The Graph API's template routes of the sandbox's one account: submit (answered PENDING, then
 * reviewed by {@link Templates}' rule a moment later and announced by a signed
 * {@code message_template_status_update} webhook), list and delete.
 */
@Path("/{version}/{wabaId}/message_templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateGraphResource {

    private static final Logger LOG = Logger.getLogger(TemplateGraphResource.class);
    static final Duration REVIEW_DELAY = Duration.ofMillis(800);

    private final Numbers numbers;
    private final Templates templates;
    private final MetaWebhooks webhooks;

    public TemplateGraphResource(Numbers numbers, Templates templates, MetaWebhooks webhooks) {
        this.numbers = numbers;
        this.templates = templates;
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @SuppressWarnings("unchecked")
    public Response submit(@PathParam("wabaId") String wabaId, @HeaderParam("Authorization") String authorization,
            Map<String, Object> body) {
        Response refused = refused(wabaId, authorization);
        if (refused != null) {
            return refused;
        }
        if (body == null || !(body.get("name") instanceof String name) || !(body.get("language") instanceof String language)
                || !(body.get("category") instanceof String category) || !(body.get("components") instanceof List<?> components)) {
            return MetaErrors.invalid("name, language, category and components are required");
        }
        if (templates.find(name, language).isPresent()) {
            return MetaErrors.of(400, 100, "Message template \"" + name + "\" already exists in " + language);
        }
        Templates.Template template = templates.submit(name, language, category, (List<Map<String, Object>>) components);
        Uni.createFrom().voidItem().onItem().delayIt().by(REVIEW_DELAY)
                .map(ignored -> templates.review(template.id()))
                .chain(decided -> decided.isEmpty() ? Uni.createFrom().item(200) : webhooks.templateStatus(
                        decided.get().id(), name, language, decided.get().status(), decided.get().reason())
                        .invoke(code -> {
                            if (code != 200) {
                                throw new IllegalStateException("answered " + code);
                            }
                        })
                        .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5))
                        .expireIn(Duration.ofMinutes(10).toMillis()))
                .subscribe().with(code -> {
                }, failure -> LOG.debugf("template webhook for %s given up: %s", name, failure));
        return Response.ok(Map.of("id", template.id(), "status", template.status(), "category", category)).build();
    }

    @GET
    public Response list(@PathParam("wabaId") String wabaId, @HeaderParam("Authorization") String authorization) {
        Response refused = refused(wabaId, authorization);
        return refused != null ? refused : Response.ok(Map.of("data",
                templates.all().stream().map(Templates.Template::listed).toList())).build();
    }

    @DELETE
    public Response delete(@PathParam("wabaId") String wabaId, @HeaderParam("Authorization") String authorization,
            @QueryParam("name") String name) {
        Response refused = refused(wabaId, authorization);
        if (refused != null) {
            return refused;
        }
        return templates.delete(name) ? Response.ok(Map.of("success", true)).build()
                : MetaErrors.of(404, 100, "Message template \"" + name + "\" does not exist");
    }

    private Response refused(String wabaId, String authorization) {
        if (!MetaWebhooks.WABA_ID.equals(wabaId)) {
            return MetaErrors.of(400, 100, "Unsupported request. Object with ID '" + wabaId + "' does not exist");
        }
        return numbers.authorisedForAny(authorization) ? null
                : MetaErrors.of(401, 190, "Error validating access token: The session is invalid.");
    }
}
