package io.liora.conversation.clients;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** integrations-service: sending, links, the intent fallback and delivery statuses. */
@RegisterRestClient(configKey = "integrations-service")
@OidcClientFilter
@Consumes(MediaType.APPLICATION_JSON)
public interface IntegrationsApi {

    record Queued(UUID id, String status) {
    }

    record ShortenResult(String longUrl, String link, boolean shortened, String reason) {
    }

    record Classification(String intent, double confidence, String source) {
    }

    record StatusResult(int applied, int ignored) {
    }

    @POST
    @Path("/messages")
    Uni<Queued> send(@HeaderParam("X-Client-ID") String tenant, Map<String, Object> message);

    @POST
    @Path("/links/shorten")
    Uni<ShortenResult> shorten(@HeaderParam("X-Client-ID") String tenant, Map<String, Object> request);

    @POST
    @Path("/nlp/classify")
    Uni<Classification> classify(@HeaderParam("X-Client-ID") String tenant, Map<String, Object> request);

    @POST
    @Path("/internal/statuses")
    Uni<StatusResult> statuses(@HeaderParam("X-Client-ID") String tenant, Map<String, List<Map<String, Object>>> batch);
}
