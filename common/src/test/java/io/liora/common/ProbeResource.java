package io.liora.common;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.security.Roles;
import io.liora.common.tenant.RequiresTenant;
import io.liora.common.tenant.TenantContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Routes that exist only in this module's tests, to exercise the shared code over HTTP. */
@Path("/probe")
public class ProbeResource {

    private final TenantContext tenant;
    private final TenantTransactions tx;

    public ProbeResource(TenantContext tenant, TenantTransactions tx) {
        this.tenant = tenant;
        this.tx = tx;
    }

    public record NoteIn(UUID clienteId, @NotBlank @Size(max = 200) String text) {
    }

    public record Signup(@NotBlank @Email String email, @NotNull @Min(1) @Max(10) Integer seats,
            @Valid List<@NotBlank String> tags) {
    }

    @GET
    @Path("/tenant")
    @RequiresTenant
    @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.AGENT, Roles.SERVICE, Roles.PLATFORM_ADMIN})
    public Map<String, String> resolved() {
        return Map.of("cliente_id", tenant.clienteId().toString());
    }

    @GET
    @Path("/clientes/{clienteId}/tenant")
    @RequiresTenant
    @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.AGENT, Roles.SERVICE, Roles.PLATFORM_ADMIN})
    public Map<String, String> resolvedFromPath(@PathParam("clienteId") UUID clienteId) {
        return Map.of("cliente_id", tenant.clienteId().toString());
    }

    @GET
    @Path("/open")
    public Map<String, String> open() {
        return Map.of("ok", "true");
    }

    @POST
    @Path("/signup")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> signup(@Valid @NotNull Signup signup) {
        return Map.of("email", signup.email());
    }

    @GET
    @Path("/page")
    public Map<String, Integer> page(@QueryParam("limit") @Min(1) @Max(100) Integer limit) {
        return Map.of("limit", limit == null ? 20 : limit);
    }

    /** Writes a note as the caller's tenant, with whatever cliente_id the body names. */
    @POST
    @Path("/notes")
    @RequiresTenant
    @RolesAllowed({Roles.OWNER, Roles.SERVICE})
    public Uni<Map<String, String>> write(@Valid @NotNull NoteIn in) {
        ProbeNote note = new ProbeNote();
        note.id = UUID.randomUUID();
        note.clienteId = in.clienteId() == null ? tenant.clienteId() : in.clienteId();
        note.text = in.text();
        return tx.forTenant(tenant.clienteId(), () -> note.persist())
                .map(saved -> Map.of("id", note.id.toString()));
    }

    @GET
    @Path("/notes")
    @RequiresTenant
    @RolesAllowed({Roles.OWNER, Roles.SERVICE})
    public Uni<List<String>> list() {
        return tx.forTenant(tenant.clienteId(), () -> ProbeNote.<ProbeNote>listAll())
                .map(notes -> notes.stream().map(n -> n.text).sorted().toList());
    }

    /** The mistake RLS guards against: a transaction that never set its tenant. */
    @GET
    @Path("/notes/forgetful")
    public Uni<Long> forgetful() {
        return Panache.withTransaction(() -> ProbeNote.count());
    }

    /** The named cross-tenant path. */
    @GET
    @Path("/notes/everyone")
    public Uni<Long> everyone() {
        return tx.acrossTenants(() -> ProbeNote.count());
    }
}
