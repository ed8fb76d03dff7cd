package io.liora.integrations.whatsapp;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Meta's WhatsApp Cloud API: {@code POST {graph_base_url}/{version}/{phone_number_id}/messages}. */
@RegisterRestClient(configKey = "graph")
@Path("/{version}/{phoneNumberId}/messages")
interface GraphApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> send(@PathParam("version") String version, @PathParam("phoneNumberId") String phoneNumberId,
            @HeaderParam("Authorization") String authorization, Map<String, Object> message);
}
