package io.liora.integrations.bitly;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Bitly API v4: {@code POST /v4/bitlinks}. */
@RegisterRestClient(configKey = "bitly")
@Path("/v4/bitlinks")
interface BitlyApi {

    /** Bitly's answer; only the fields Liora reads. */
    record Bitlink(String link, String id, String longUrl, List<String> tags) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Bitlink> create(@HeaderParam("Authorization") String authorization, Map<String, Object> request);
}
