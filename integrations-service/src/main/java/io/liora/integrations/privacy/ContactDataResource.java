package io.liora.integrations.privacy;

import io.liora.common.security.Scopes;
import io.liora.common.tenant.RequiresTenant;
import io.liora.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * conversation-service gathers and erases a contact's data across the services: this is this
 * service's part (identifiers in the body, never in a URL that access logs keep).
 */
@Path("/internal/contacts/{contactId}")
@RequiresTenant
@RolesAllowed(Scopes.CONTACTS_DATA)
@Tag(name = "contacts' data", description = "One contact's data here: export and erasure")
@SecurityRequirement(name = "bearer")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ContactDataResource {

    private final ContactData data;
    private final TenantContext tenant;

    public ContactDataResource(ContactData data, TenantContext tenant) {
        this.data = data;
        this.tenant = tenant;
    }

    @POST
    @Path("/export")
    @Operation(operationId = "exportContactData", summary = "Everything held here about the contact, a section per table")
    @APIResponse(responseCode = "200", description = "outbound_messages, opt_outs, short_links")
    public Uni<String> export(@PathParam("contactId") UUID contactId,
            @Valid @NotNull ContactDataDtos.ContactIdentifiers identifiers) {
        return data.export(tenant.clienteId(), contactId, identifiers);
    }

    @POST
    @Path("/erasure")
    @Operation(operationId = "eraseContactData",
            summary = "Erase the contact here: queued messages cancelled, sent ones redacted, opt-outs removed, nothing sent to it again")
    @APIResponseSchema(value = ContactDataDtos.ContactErased.class, responseCode = "200", responseDescription = "Erased")
    public Uni<ContactDataDtos.ContactErased> erase(@PathParam("contactId") UUID contactId,
            @Valid @NotNull ContactDataDtos.ContactIdentifiers identifiers) {
        return data.erase(tenant.clienteId(), contactId, identifiers);
    }
}
