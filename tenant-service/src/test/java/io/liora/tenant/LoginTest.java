package io.liora.tenant;

import static io.liora.tenant.Fixtures.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginTest {

    /** The agent console logs in from conversation-service's origin; no other site may read the answer. */
    @Test
    void theConsolesOriginMayLogInFromABrowserAndNoOtherOrigin() {
        given().header("Origin", "http://localhost:8082").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").options("/auth/login").then()
                .statusCode(200).header("Access-Control-Allow-Origin", equalTo("http://localhost:8082"));
        String email = Fixtures.email();
        Fixtures.user(Fixtures.tenant(), "agent", email);
        given().header("Origin", "http://localhost:8082").contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD)).post("/auth/login").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:8082"));
        given().header("Origin", "https://evil.example").contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD)).post("/auth/login").then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void loginReturnsAShortLivedTokenWithEveryClaim() {
        UUID tenant = Fixtures.tenant();
        String email = Fixtures.email();
        UUID usuario = Fixtures.user(tenant, "admin", email);

        Response answer = login(email.toUpperCase(), PASSWORD);
        answer.then().statusCode(200).body("token_type", equalTo("Bearer")).body("expires_in", equalTo(900));
        Map<String, Object> claims = payload(answer.path("access_token"));
        Map<String, Object> header = header(answer.path("access_token"));

        assertThat(header).containsEntry("alg", "RS256").containsEntry("kid", "liora-test-1");
        assertThat(claims).containsEntry("sub", usuario.toString())
                .containsEntry("usuario_id", usuario.toString())
                .containsEntry("cliente_id", tenant.toString())
                .containsEntry("rol", "admin")
                .containsEntry("iss", "https://liora.test/tenant-service")
                .containsEntry("aud", "liora")
                .containsKey("jti");
        assertThat(claims.get("groups")).isEqualTo(java.util.List.of("admin"));
        long exp = ((Number) claims.get("exp")).longValue();
        assertThat(exp - System.currentTimeMillis() / 1000).isBetween(880L, 905L);

        // the token works on the tenant's routes
        given().auth().oauth2(answer.path("access_token")).get("/clientes/" + tenant).then().statusCode(200);
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        UUID tenant = Fixtures.tenant();
        String email = Fixtures.email();
        Fixtures.user(tenant, "agent", email);

        Response unknown = login("nobody-" + email, PASSWORD);
        Response wrong = login(email, "not the password at all");
        unknown.then().statusCode(401).contentType("application/problem+json");
        wrong.then().statusCode(401).contentType("application/problem+json");
        assertThat(unknown.jsonPath().getMap("$")).isEqualTo(wrong.jsonPath().getMap("$"));
    }

    @Test
    void fiveFailuresLockTheAccountWithRetryAfter() {
        UUID tenant = Fixtures.tenant();
        String email = Fixtures.email();
        Fixtures.user(tenant, "agent", email);

        for (int i = 0; i < 5; i++) {
            login(email, "wrong password " + i).then().statusCode(401);
        }
        Response locked = login(email, PASSWORD);
        locked.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:liora:problem:too-many-requests"))
                .header("Retry-After", notNullValue());
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 900);
    }

    @Test
    void aSuccessfulLoginClearsEarlierFailures() {
        UUID tenant = Fixtures.tenant();
        String email = Fixtures.email();
        Fixtures.user(tenant, "agent", email);
        for (int i = 0; i < 4; i++) {
            login(email, "wrong password " + i).then().statusCode(401);
        }
        login(email, PASSWORD).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            login(email, "wrong again " + i).then().statusCode(401);
        }
        login(email, PASSWORD).then().statusCode(200);
    }

    @Test
    void suspendedTenantsCannotLogInAndTheirTokensStopWorkingHere() {
        UUID tenant = Fixtures.tenant();
        String email = Fixtures.email();
        Fixtures.user(tenant, "owner", email);
        String token = Fixtures.login(email, PASSWORD);

        Fixtures.as(io.liora.testing.TestTokens.platformAdmin()).body(Map.of("estado", "suspendido"))
                .patch("/clientes/" + tenant).then().statusCode(200).body("estado", equalTo("suspendido"));

        login(email, PASSWORD).then().statusCode(403).body("type", equalTo("urn:liora:problem:tenant-suspended"));
        given().auth().oauth2(token).get("/clientes/" + tenant + "/usuarios").then().statusCode(403)
                .body("type", equalTo("urn:liora:problem:tenant-suspended"));

        Fixtures.as(io.liora.testing.TestTokens.platformAdmin()).body(Map.of("estado", "activo"))
                .patch("/clientes/" + tenant).then().statusCode(200);
        given().auth().oauth2(token).get("/clientes/" + tenant + "/usuarios").then().statusCode(200);
    }

    @Test
    void inactiveUsersCannotLogIn() {
        UUID tenant = Fixtures.tenant();
        String email = Fixtures.email();
        UUID usuario = Fixtures.user(tenant, "agent", email);
        Fixtures.as(io.liora.testing.TestTokens.platformAdmin()).body(Map.of("estado", "inactivo"))
                .patch("/clientes/" + tenant + "/usuarios/" + usuario).then().statusCode(200);
        login(email, PASSWORD).then().statusCode(401);
    }

    @Test
    void theConfiguredPlatformAdminExistsAndCanCreateTenants() {
        String token = Fixtures.login("root@liora.test", "test-platform-admin-password");
        assertThat(payload(token)).containsEntry("rol", "platform_admin").doesNotContainKey("cliente_id");
        Fixtures.as(token).body(Map.of("slug", "by-root-" + UUID.randomUUID().toString().substring(0, 6),
                "nombre", "Root's")).post("/clientes").then().statusCode(201);
    }

    @Test
    void missingFieldsAreNamed() {
        given().contentType(ContentType.JSON).body(Map.of("email", "a@b.cl")).post("/auth/login")
                .then().statusCode(400).body("errors[0].field", equalTo("password"));
    }

    private static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/auth/login");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> payload(String jwt) {
        return part(jwt, 1);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> header(String jwt) {
        return part(jwt, 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(String jwt, int index) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(json).getMap("$");
    }
}
