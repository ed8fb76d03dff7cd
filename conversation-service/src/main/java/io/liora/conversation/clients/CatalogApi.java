package io.liora.conversation.clients;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service's reading routes, as a service of the tenant in X-Client-ID. */
@RegisterRestClient(configKey = "catalog-service")
@OidcClientFilter
@Path("/clientes/{clienteId}/catalog")
public interface CatalogApi {

    record Item(String sku, String nombre, String descripcion, BigDecimal precio, String moneda, String url,
            String imagenUrl, String categoria, Integer stock) {
    }

    record ItemList(int version, List<Item> items) {
    }

    record Category(String categoria, long items) {
    }

    /** The active snapshot; with {@code If-None-Match} the answer is 304 when it has not changed. */
    @GET
    @Path("/active")
    Uni<Response> active(@PathParam("clienteId") UUID clienteId, @HeaderParam("X-Client-ID") String tenant,
            @HeaderParam("If-None-Match") String etag);

    @GET
    @Path("/items")
    Uni<ItemList> search(@PathParam("clienteId") UUID clienteId, @HeaderParam("X-Client-ID") String tenant,
            @QueryParam("q") String q, @QueryParam("categoria") String categoria, @QueryParam("limit") int limit);
}
