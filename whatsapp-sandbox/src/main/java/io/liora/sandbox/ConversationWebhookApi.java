package io.liora.sandbox;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** conversation-service's webhook, which the sandbox calls as Meta would. */
@RegisterRestClient(configKey = "conversation")
@Path("/webhook/meta")
public interface ConversationWebhookApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> deliver(@HeaderParam("X-Hub-Signature-256") String signature, byte[] body);
}
