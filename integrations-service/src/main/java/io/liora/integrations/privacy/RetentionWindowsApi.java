package io.liora.integrations.privacy;

import io.liora.common.retention.RetentionSweep;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** tenant-service: how long each tenant keeps its customers' messages. */
@RegisterRestClient(configKey = "tenant-service")
@OidcClientFilter
@Path("/internal/retention")
public interface RetentionWindowsApi {

    @GET
    Uni<List<RetentionSweep.Window>> windows();
}
