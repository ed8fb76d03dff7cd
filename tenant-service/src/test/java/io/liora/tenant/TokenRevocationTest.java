package io.liora.tenant;

import static io.liora.tenant.Fixtures.PASSWORD;
import static io.liora.tenant.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.liora.common.security.RevocationFeed;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A privilege ends when it is taken away: a demoted admin's, a deactivated or deleted user's and
 * a changed password's old tokens are refused on tenant-service at once, and the revocation feed
 * tells the other services (hashed: it names nobody).
 */
@QuarkusTest
class TokenRevocationTest {

    @Test
    void aDemotedAdminsOldTokenCannotCreateAnAdmin() throws Exception {
        UUID tenant = Fixtures.tenant();
        String owner = TestTokens.staff("owner", tenant);
        String email = Fixtures.email();
        UUID admin = Fixtures.user(tenant, "admin", email);
        String adminToken = Fixtures.login(email, PASSWORD);
        as(adminToken).get("/clientes/" + tenant + "/usuarios").then().statusCode(200);

        Thread.sleep(1100); // the change comes after the token's issue second
        as(owner).body(Map.of("rol", "agent")).patch("/clientes/" + tenant + "/usuarios/" + admin).then().statusCode(200);
        as(adminToken).body(Map.of("email", Fixtures.email(), "rol", "admin", "password", PASSWORD))
                .post("/clientes/" + tenant + "/usuarios").then().statusCode(401)
                .body("type", equalTo("urn:liora:problem:token-revoked"));
        as(adminToken).get("/clientes/" + tenant).then().statusCode(401);
        // logged in again, it is an agent's token, with an agent's rights
        Thread.sleep(1100);
        String agentToken = Fixtures.login(email, PASSWORD);
        as(agentToken).get("/clientes/" + tenant + "/usuarios/" + admin).then().statusCode(200);
        as(agentToken).body(Map.of("email", Fixtures.email(), "rol", "admin", "password", PASSWORD))
                .post("/clientes/" + tenant + "/usuarios").then().statusCode(403);

        String feed = given().get("/.well-known/liora-revocations").then().statusCode(200).extract().asString();
        assertThat(feed).contains(RevocationFeed.hash(admin)).doesNotContain(admin.toString())
                .doesNotContain(tenant.toString()).doesNotContain(email);
    }

    @Test
    void deactivatedDeletedAndRepasswordedUsersOldTokensStopWorking() throws Exception {
        UUID tenant = Fixtures.tenant();
        String owner = TestTokens.staff("owner", tenant);
        String[] emails = {Fixtures.email(), Fixtures.email(), Fixtures.email()};
        UUID[] users = new UUID[3];
        String[] tokens = new String[3];
        for (int i = 0; i < 3; i++) {
            users[i] = Fixtures.user(tenant, "admin", emails[i]);
            tokens[i] = Fixtures.login(emails[i], PASSWORD);
            as(tokens[i]).get("/clientes/" + tenant).then().statusCode(200);
        }
        Thread.sleep(1100);
        as(owner).body(Map.of("estado", "inactivo")).patch("/clientes/" + tenant + "/usuarios/" + users[0]).then()
                .statusCode(200);
        as(owner).delete("/clientes/" + tenant + "/usuarios/" + users[1]).then().statusCode(204);
        as(owner).body(Map.of("password", "a brand new passphrase here"))
                .patch("/clientes/" + tenant + "/usuarios/" + users[2]).then().statusCode(200);
        for (String token : tokens) {
            as(token).get("/clientes/" + tenant).then().statusCode(401)
                    .body("type", equalTo("urn:liora:problem:token-revoked"));
        }
        Thread.sleep(1100);
        as(Fixtures.login(emails[2], "a brand new passphrase here")).get("/clientes/" + tenant).then().statusCode(200);
    }

    @Test
    void aNameChangeRevokesNothing() throws Exception {
        UUID tenant = Fixtures.tenant();
        String email = Fixtures.email();
        UUID agent = Fixtures.user(tenant, "agent", email);
        String token = Fixtures.login(email, PASSWORD);
        Thread.sleep(1100);
        as(TestTokens.staff("owner", tenant)).body(Map.of("nombre", "Camila R.")).patch("/clientes/" + tenant
                + "/usuarios/" + agent).then().statusCode(200);
        as(token).get("/clientes/" + tenant + "/usuarios/" + agent).then().statusCode(200);
    }
}
