package io.liora.integrations.nlp;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** OpenAI chat completions. */
@RegisterRestClient(configKey = "openai")
@Path("/v1/chat/completions")
interface OpenAiApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Map<String, Object>> complete(@HeaderParam("Authorization") String authorization, Map<String, Object> request);
}
