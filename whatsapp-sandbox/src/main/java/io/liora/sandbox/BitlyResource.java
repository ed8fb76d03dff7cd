package io.liora.sandbox;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Bitly v4's link routes, with short links under the sandbox that redirect to the long URL. */
@Path("/")
public class BitlyResource {

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final SandboxConfig config;
    private final Map<String, String> links = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public BitlyResource(SandboxConfig config) {
        this.config = config;
    }

    @POST
    @Path("v4/bitlinks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response bitlink(Map<String, Object> request) {
        return create(request);
    }

    @POST
    @Path("v4/shorten")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response shorten(Map<String, Object> request) {
        return create(request);
    }

    @GET
    @Path("s/{code}")
    public Response follow(@PathParam("code") String code) {
        String target = links.get(code);
        return target == null ? Response.status(404).entity("No such link").build()
                : Response.status(301).location(URI.create(target)).build();
    }

    private Response create(Map<String, Object> request) {
        Object longUrl = request == null ? null : request.get("long_url");
        if (!(longUrl instanceof String url) || !(url.startsWith("http://") || url.startsWith("https://"))) {
            return Response.status(400).type(MediaType.APPLICATION_JSON).entity(Map.of("message", "INVALID_ARG_LONG_URL",
                    "resource", "bitlinks", "description", "The value provided is invalid.")).build();
        }
        String code = code();
        links.put(code, url);
        String link = config.publicUrl() + "/s/" + code;
        return Response.ok(Map.of("created_at", Instant.now().toString(), "id", link.replaceFirst("^https?://", ""),
                "link", link, "custom_bitlinks", List.of(), "long_url", url, "archived", false,
                "tags", request.getOrDefault("tags", List.of()), "deeplinks", List.of(), "references", Map.of())).build();
    }

    private String code() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
