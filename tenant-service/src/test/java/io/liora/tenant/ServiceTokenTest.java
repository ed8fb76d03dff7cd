package io.liora.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The client-credentials grant for Liora's own services. */
@QuarkusTest
class ServiceTokenTest {

    @Test
    void formCredentialsGetAServiceToken() {
        Response answer = given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "conversation-service")
                .formParam("client_secret", "test-conversation-secret")
                .post("/oauth/token");
        answer.then().statusCode(200).body("token_type", equalTo("Bearer")).body("expires_in", equalTo(300));
        Map<String, Object> claims = LoginTest.payload(answer.path("access_token"));
        assertThat(claims).containsEntry("sub", "conversation-service").containsEntry("rol", "service")
                .doesNotContainKey("cliente_id");
    }

    @Test
    void eachClientsTokenOpensTheInternalRoutesOfItsScopesAndNoOther() {
        String integrations = given().auth().preemptive().basic("integrations-service", "test-integrations-secret")
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        String conversation = token("conversation-service", "test-conversation-secret").then().statusCode(200)
                .extract().path("access_token");
        assertThat(LoginTest.payload(integrations).get("scope").toString().split(" "))
                .containsExactlyInAnyOrder("waba:credentials", "retention:read");
        assertThat(LoginTest.payload(conversation).get("scope").toString().split(" ")).contains("waba:lookup")
                .doesNotContain("waba:credentials");
        UUID tenant = Fixtures.tenant();
        String number = Fixtures.phoneNumberId();
        Fixtures.waba(tenant, number, "EAAG-a-real-looking-token-0001");
        String credentials = "/internal/clientes/" + tenant + "/waba/" + number + "/credentials";
        String lookup = "/internal/waba/by-phone-number/" + number;

        given().auth().oauth2(conversation).get(lookup).then().statusCode(200).body("cliente_id", equalTo(tenant.toString()));
        given().auth().oauth2(integrations).header("X-Client-ID", tenant.toString()).get(credentials).then()
                .statusCode(200).body("access_token", equalTo("EAAG-a-real-looking-token-0001"));
        // the number's owner is conversation-service's business; the decrypted token integrations-service's alone
        given().auth().oauth2(integrations).get(lookup).then().statusCode(403);
        given().auth().oauth2(conversation).header("X-Client-ID", tenant.toString()).get(credentials).then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(conversation).header("X-Client-ID", tenant.toString())
                .post(credentials.replace("/credentials", "/needs-reauth")).then().statusCode(403);
        for (String client : new String[] {"catalog-service", "a-service-we-never-heard-of"}) {
            // catalog-service's scopes (audit:write, retention:read) open neither route
            String scopeless = io.liora.testing.TestTokens.service(client);
            given().auth().oauth2(scopeless).get(lookup).then().statusCode(403);
            given().auth().oauth2(scopeless).header("X-Client-ID", tenant.toString()).get(credentials).then()
                    .statusCode(403);
        }
    }

    @Test
    void wrongSecretsAndUnknownClientsAreRefused() {
        token("conversation-service", "not-the-secret").then().statusCode(401)
                .body("type", equalTo("urn:liora:problem:invalid-client"));
        token("stranger-service", "test-conversation-secret").then().statusCode(401);
        // configured without a secret: disabled
        token("catalog-service", "").then().statusCode(401);
    }

    @Test
    void onlyTheClientCredentialsGrantIsSupported() {
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("client_id", "conversation-service").formParam("client_secret", "test-conversation-secret")
                .post("/oauth/token").then().statusCode(400)
                .body("type", equalTo("urn:liora:problem:unsupported-grant-type"));
    }

    private static Response token(String clientId, String secret) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", secret).post("/oauth/token");
    }
}
