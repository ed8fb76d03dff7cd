package io.liora.sandbox;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The contact's phone: write, tap, and watch the business's answers arrive. */
@Path("/sandbox")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxResource {

    private final MetaWebhooks webhooks;
    private final Chats chats;
    private final Numbers numbers;
    private final Faults faults;

    public SandboxResource(MetaWebhooks webhooks, Chats chats, Numbers numbers, Faults faults) {
        this.webhooks = webhooks;
        this.chats = chats;
        this.numbers = numbers;
        this.faults = faults;
    }

    /** A tapped button or list row. */
    public record Reply(@NotBlank @Size(max = 256) String id, @Size(max = 24) String title) {
    }

    /** A picture the contact sends (the sandbox makes up its media id). */
    public record Image(@Size(max = 1024) String caption) {
    }

    /** A location the contact shares. */
    public record Location(@NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude, @Size(max = 100) String name,
            @Size(max = 200) String address) {
    }

    /**
     * What the contact sends: text, a tapped option, a picture or a location; from a phone
     * ({@code from}), or, as a customer with a username who hides the phone, from a business-scoped
     * user id ({@code user_id}) with the {@code username}.
     */
    public record Inbound(@NotBlank @Pattern(regexp = "^[0-9]{1,30}$") String phoneNumberId,
            @Pattern(regexp = "^[1-9][0-9]{6,14}$") String from,
            @Pattern(regexp = "^[A-Z]{2}\\.[A-Za-z0-9.]{1,150}$") String userId,
            @Size(max = 35) String username, @Size(max = 100) String name,
            @Size(max = 4096) String text, @Valid Reply buttonReply, @Valid Reply listReply, @Valid Image image,
            @Valid Location location) {
    }

    public record Delivered(String wamid, int webhookStatus) {
    }

    public record Number(@NotBlank @Pattern(regexp = "^[0-9]{1,30}$") String phoneNumberId,
            @NotBlank @Size(min = 8, max = 512) String accessToken) {
    }

    @POST
    @Path("/inbound")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Delivered> inbound(@Valid @NotNull Inbound inbound) {
        if (inbound.from() == null && inbound.userId() == null) {
            throw new jakarta.ws.rs.BadRequestException("from (a phone) or user_id (a business-scoped user id) is required");
        }
        Customer customer = new Customer(inbound.from(), inbound.userId(), inbound.username(), inbound.name());
        String wamid = MetaWebhooks.wamid();
        Map<String, Object> message = new LinkedHashMap<>();
        if (inbound.from() != null) {
            message.put("from", inbound.from());
        }
        if (inbound.userId() != null) {
            message.put("from_user_id", inbound.userId());
        }
        message.put("id", wamid);
        message.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        String shown;
        Map<String, Object> tapped = null;
        if (inbound.buttonReply() != null || inbound.listReply() != null) {
            boolean button = inbound.buttonReply() != null;
            Reply reply = button ? inbound.buttonReply() : inbound.listReply();
            Map<String, Object> option = new LinkedHashMap<>();
            option.put("id", reply.id());
            option.put("title", reply.title() == null ? reply.id() : reply.title());
            tapped = Map.of("type", button ? "button_reply" : "list_reply", button ? "button_reply" : "list_reply", option);
            message.put("type", "interactive");
            message.put("interactive", tapped);
            shown = String.valueOf(option.get("title"));
        } else if (inbound.image() != null) {
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("id", "sandbox-media-" + wamid.substring(10, 26).toLowerCase());
            image.put("mime_type", "image/jpeg");
            if (inbound.image().caption() != null && !inbound.image().caption().isBlank()) {
                image.put("caption", inbound.image().caption());
            }
            message.put("type", "image");
            message.put("image", image);
            shown = "📷 Foto" + (image.containsKey("caption") ? ": " + image.get("caption") : "");
        } else if (inbound.location() != null) {
            Map<String, Object> location = new LinkedHashMap<>();
            location.put("latitude", inbound.location().latitude());
            location.put("longitude", inbound.location().longitude());
            if (inbound.location().name() != null) {
                location.put("name", inbound.location().name());
            }
            if (inbound.location().address() != null) {
                location.put("address", inbound.location().address());
            }
            message.put("type", "location");
            message.put("location", location);
            shown = "📍 Ubicación (" + inbound.location().latitude() + ", " + inbound.location().longitude() + ")";
        } else {
            if (inbound.text() == null || inbound.text().isBlank()) {
                throw new jakarta.ws.rs.BadRequestException("text, button_reply, list_reply, image or location is required");
            }
            message.put("type", "text");
            message.put("text", Map.of("body", inbound.text()));
            shown = inbound.text();
        }
        chats.add(new ChatMessage(inbound.phoneNumberId(), chats.handleOf(customer), "in",
                String.valueOf(message.get("type")), shown, tapped, wamid, "sent", Instant.now()));
        return webhooks.message(inbound.phoneNumberId(), customer, message)
                .map(status -> new Delivered(wamid, status));
    }

    @GET
    @Path("/conversations/{phoneNumberId}/{msisdn}")
    public Map<String, List<ChatMessage>> conversation(@PathParam("phoneNumberId") String phoneNumberId,
            @PathParam("msisdn") String msisdn) {
        return Map.of("messages", chats.of(phoneNumberId, msisdn));
    }

    /** Every chat of a number whose contact starts with {@code prefix}: one read for a load test's check. */
    @GET
    @Path("/conversations/{phoneNumberId}")
    public Map<String, List<ChatMessage>> conversations(
            @PathParam("phoneNumberId") @Pattern(regexp = "^[0-9]{1,30}$") String phoneNumberId,
            @QueryParam("prefix") @NotBlank @Pattern(regexp = "^[0-9]{4,30}$") String prefix) {
        return chats.ofNumber(phoneNumberId, prefix);
    }

    @GET
    @Path("/conversations/{phoneNumberId}/{msisdn}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<ChatMessage> stream(@PathParam("phoneNumberId") String phoneNumberId,
            @PathParam("msisdn") String msisdn) {
        return chats.live(phoneNumberId, msisdn);
    }

    /** Ages a customer's window: free-form answers are refused (131047) until the customer writes again. */
    @POST
    @Path("/windows/{phoneNumberId}/{handle}/close")
    public Map<String, Object> closeWindow(@PathParam("phoneNumberId") String phoneNumberId,
            @PathParam("handle") String handle) {
        chats.closeWindow(phoneNumberId, handle);
        return Map.of("phone_number_id", phoneNumberId, "customer", handle, "window", "closed");
    }

    @GET
    @Path("/numbers")
    public Set<String> numbers() {
        return numbers.all();
    }

    @POST
    @Path("/numbers")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> register(@Valid @NotNull Number number) {
        numbers.register(number.phoneNumberId(), number.accessToken());
        return Map.of("phone_number_id", number.phoneNumberId());
    }

    @GET
    @Path("/faults")
    public Faults.Settings faults() {
        return faults.settings();
    }

    @PUT
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    public Faults.Settings setFaults(Faults.Settings settings) {
        faults.set(settings);
        return faults.settings();
    }
}
