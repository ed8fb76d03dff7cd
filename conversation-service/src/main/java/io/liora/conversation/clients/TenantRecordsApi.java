package io.liora.conversation.clients;

import io.liora.common.audit.AuditRecord;
import io.liora.common.retention.RetentionSweep;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** tenant-service: the audit trail, and how long each tenant keeps its customers' messages. */
@RegisterRestClient(configKey = "tenant-service")
@OidcClientFilter
@Consumes(MediaType.APPLICATION_JSON)
public interface TenantRecordsApi {

    @POST
    @Path("/internal/audit")
    Uni<Void> audit(AuditRecord record);

    @GET
    @Path("/internal/retention")
    Uni<List<RetentionSweep.Window>> retentionWindows();
}
