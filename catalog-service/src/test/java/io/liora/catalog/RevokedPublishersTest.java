package io.liora.catalog;

import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.common.security.RevocationFeed;
import io.liora.testing.Revocations;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Within seconds of tenant-service's word (its revocation feed), a suspended tenant publishes
 * nothing, not even with its own signing secret, and a revoked owner's token publishes nothing.
 */
@QuarkusTest
class RevokedPublishersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RevocationFeed feed;

    @AfterEach
    void clear() throws Exception {
        Revocations.clear(feed);
    }

    @Test
    void aSuspendedTenantsSignedPublishIsRefused() throws Exception {
        UUID tenant = UUID.randomUUID();
        String secret = Catalogs.rotateSecret(tenant);
        byte[] body = JSON.writeValueAsBytes(Catalogs.sample());
        Revocations.publish(feed, Map.of(), Set.of(tenant));
        Catalogs.publishSigned(tenant, body, Catalogs.signature(secret, Catalogs.now(), body)).then().statusCode(403)
                .body("type", equalTo("urn:liora:problem:tenant-suspended"));
        Revocations.clear(feed);
        Catalogs.publishSigned(tenant, body, Catalogs.signature(secret, Catalogs.now(), body)).then().statusCode(201);
    }

    @Test
    void aRevokedOwnersTokenPublishesNothingAndReadsNothing() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        String token = TestTokens.staff("owner", tenant, owner);
        Catalogs.publishAs(token, tenant, Catalogs.sample()).then().statusCode(201);
        Revocations.publish(feed, Map.of(owner, Instant.now().plusSeconds(1)), Set.of());
        Catalogs.publishAs(token, tenant, Catalogs.sample()).then().statusCode(401)
                .body("type", equalTo("urn:liora:problem:token-revoked"));
        io.restassured.RestAssured.given().auth().oauth2(token).get("/clientes/" + tenant + "/catalog/active").then()
                .statusCode(401);
        // a new login after the change is honoured
        String fresh = TestTokens.sign(TestTokens.claims("owner", owner.toString()).issuedAt(Instant.now().plusSeconds(2)
                .getEpochSecond()).claim("usuario_id", owner.toString()).claim("cliente_id", tenant.toString()));
        io.restassured.RestAssured.given().auth().oauth2(fresh).get("/clientes/" + tenant + "/catalog/active").then()
                .statusCode(200);
    }
}
