package io.liora.tenant;

import static io.liora.tenant.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Passwords, WABA tokens, client secrets and issued tokens never reach a log line, whatever
 * happens: good and bad logins, invalid bodies, a registered number, a service token.
 */
@QuarkusTest
class SecretsNotLoggedTest {

    private static final Path LOG = Path.of("target/tenant-service-test.log");

    @Test
    void noSecretReachesTheLog() throws IOException {
        String password = "Zebra-Secret-Password-" + UUID.randomUUID();
        String wrongPassword = "Wrong-Secret-Password-" + UUID.randomUUID();
        String wabaToken = "EAAG-Secret-Graph-Token-" + UUID.randomUUID();
        UUID tenant = Fixtures.tenant();
        String email = Fixtures.email();
        as(Fixtures.staff("owner", tenant)).body(Map.of("email", email, "rol", "admin", "password", password))
                .post("/clientes/" + tenant + "/usuarios").then().statusCode(201);
        String accessToken = Fixtures.login(email, password);
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", wrongPassword))
                .post("/auth/login").then().statusCode(401);
        as(Fixtures.staff("owner", tenant)).body(Map.of("email", "bad", "rol", "agent", "password", password))
                .post("/clientes/" + tenant + "/usuarios").then().statusCode(400);
        as(accessToken).body(Map.of("waba_id", "200000000000004", "phone_number_id", Fixtures.phoneNumberId(),
                "access_token", wabaToken)).post("/clientes/" + tenant + "/waba").then().statusCode(201);
        String serviceToken = given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", "conversation-service")
                .formParam("client_secret", "test-conversation-secret").post("/oauth/token").then().statusCode(200)
                .extract().path("access_token");

        assertThat(LOG).exists();
        String log = Files.readString(LOG);
        assertThat(log).as("the log has lines from this run").contains("io.liora");
        assertThat(log).doesNotContain(password).doesNotContain(wrongPassword).doesNotContain(wabaToken)
                .doesNotContain("test-conversation-secret").doesNotContain("test-platform-admin-password")
                .doesNotContain(accessToken).doesNotContain(serviceToken)
                .doesNotContain("BEGIN PRIVATE KEY");
    }
}
