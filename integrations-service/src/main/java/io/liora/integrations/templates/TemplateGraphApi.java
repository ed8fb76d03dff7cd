package io.liora.integrations.templates;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Meta's Graph API for an account's templates: {@code {graph_base_url}/{version}/{waba_id}/message_templates}. */
@RegisterRestClient(configKey = "graph")
@Path("/{version}/{wabaId}/message_templates")
interface TemplateGraphApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> create(@PathParam("version") String version, @PathParam("wabaId") String wabaId,
            @HeaderParam("Authorization") String authorization, Map<String, Object> template);

    @GET
    Uni<Response> list(@PathParam("version") String version, @PathParam("wabaId") String wabaId,
            @HeaderParam("Authorization") String authorization, @QueryParam("fields") String fields,
            @QueryParam("limit") int limit);

    @DELETE
    Uni<Response> delete(@PathParam("version") String version, @PathParam("wabaId") String wabaId,
            @HeaderParam("Authorization") String authorization, @QueryParam("name") String name,
            @QueryParam("hsm_id") String metaTemplateId);
}
