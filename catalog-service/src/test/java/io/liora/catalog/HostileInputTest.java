package io.liora.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.testing.HostileInputContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;

/** Every route of catalog-service, tried with NUL, lone surrogates and over-long strings: never a 5xx. */
@QuarkusTest
class HostileInputTest extends HostileInputContract {

    /** A tenant with a published catalog, so reads by sku and searches reach the database. */
    @Override
    protected UUID tenant() {
        UUID tenant = UUID.randomUUID();
        Catalogs.publishAsOwner(tenant, Catalogs.sample()).then().statusCode(org.hamcrest.Matchers.lessThan(300));
        return tenant;
    }

    @Override
    protected Map<String, String> validBodies() {
        try {
            return Map.of("POST /clientes/{clienteId}/catalog/publish", new ObjectMapper().writeValueAsString(
                    Catalogs.sample()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
