package io.liora.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

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
 * A staff token tenant-service revoked (demotion, deactivation, deletion, new password) stops
 * working here as soon as the revocation feed says so, and a suspended tenant's staff with it;
 * everyone else's tokens go on working.
 */
@QuarkusTest
class RevokedTokensTest {

    @Inject
    RevocationFeed feed;

    @AfterEach
    void clear() throws Exception {
        Revocations.clear(feed);
    }

    @Test
    void aRevokedUsersTokenIsRefusedAndNobodyElses() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID demoted = UUID.randomUUID();
        String theirs = TestTokens.staff("admin", tenant, demoted);
        String colleague = TestTokens.staff("agent", tenant, UUID.randomUUID());
        given().auth().oauth2(theirs).get("/clientes/" + tenant + "/conversations").then().statusCode(200);

        Revocations.publish(feed, Map.of(demoted, Instant.now().plusSeconds(1)), Set.of());
        given().auth().oauth2(theirs).get("/clientes/" + tenant + "/conversations").then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo("urn:liora:problem:token-revoked"));
        given().auth().oauth2(theirs).get("/clientes/" + tenant + "/metrics").then().statusCode(401);
        given().auth().oauth2(colleague).get("/clientes/" + tenant + "/conversations").then().statusCode(200);

        Revocations.publish(feed, Map.of(), Set.of(tenant));
        given().auth().oauth2(colleague).get("/clientes/" + tenant + "/conversations").then().statusCode(403)
                .body("type", equalTo("urn:liora:problem:tenant-suspended"));
    }
}
