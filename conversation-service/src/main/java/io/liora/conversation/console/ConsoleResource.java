package io.liora.conversation.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the agent console (the static page at {@code /console/}) needs to know before anyone logs
 * in: where staff log in, as the browser reaches tenant-service (which allows this origin by CORS).
 */
@Path("/console-config")
@Tag(name = "console", description = "The agent console's settings")
public class ConsoleResource {

    /** @param tenantServiceUrl tenant-service's public URL, for the login */
    public record ConsoleConfig(String tenantServiceUrl) {
    }

    private final String tenantServiceUrl;

    public ConsoleResource(@ConfigProperty(name = "liora.console.tenant-service-url") String tenantServiceUrl) {
        this.tenantServiceUrl = tenantServiceUrl;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "consoleConfig", summary = "Where the console's staff log in")
    public ConsoleConfig config() {
        return new ConsoleConfig(tenantServiceUrl);
    }
}
