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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginTest {

    private final String source = anotherSource();

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
    void fiveFailuresFromOneSourceHoldThatSourceBackAndNotTheOwnerElsewhere() {
        UUID tenant = Fixtures.tenant();
        String email = Fixtures.email();
        Fixtures.user(tenant, "owner", email);

        for (int i = 0; i < 5; i++) {
            login(email, "wrong password " + i).then().statusCode(401);
        }
        Response held = login(email, PASSWORD);
        held.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:liora:problem:too-many-requests"))
                .header("Retry-After", notNullValue());
        assertThat(Integer.parseInt(held.header("Retry-After"))).isBetween(1, 900);
        // the owner, from anywhere else, is not locked out by the attacker
        login(email, PASSWORD, anotherSource()).then().statusCode(200);
    }

    @Test
    void anUnknownEmailIsHeldBackExactlyLikeAKnownOneSoNothingTellsWhichExists() {
        UUID tenant = Fixtures.tenant();
        String known = Fixtures.email();
        Fixtures.user(tenant, "agent", known);
        String unknown = "nobody-" + Fixtures.email();
        String from = anotherSource();
        List<Integer> knownAnswers = new java.util.ArrayList<>();
        List<Integer> unknownAnswers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            knownAnswers.add(login(known, "wrong password " + i, from).statusCode());
            unknownAnswers.add(login(unknown, "wrong password " + i, from).statusCode());
        }
        assertThat(knownAnswers).containsExactly(401, 401, 401, 401, 401, 429);
        assertThat(unknownAnswers).isEqualTo(knownAnswers);
    }

    @Test
    void oneSourceTryingAPasswordAcrossManyAccountsIsHeldBack() {
        String from = anotherSource();
        UUID tenant = Fixtures.tenant();
        String victim = Fixtures.email();
        Fixtures.user(tenant, "agent", victim);
        // 50 accounts, one try each: no account's own limit is reached, the source's is
        for (int i = 0; i < 50; i++) {
            login("sprayed-" + i + "-" + Fixtures.email(), "Verano2026!", from).then().statusCode(401);
        }
        login(victim, PASSWORD, from).then().statusCode(429).header("Retry-After", notNullValue());
        login(victim, PASSWORD, anotherSource()).then().statusCode(200);
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

    /** From one source per test (tests share 127.0.0.1; X-Forwarded-For is trusted from it in tests). */
    private Response login(String email, String password) {
        return login(email, password, source);
    }

    private static Response login(String email, String password, String from) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", from)
                .body(Map.of("email", email, "password", password)).post("/auth/login");
    }

    private static String anotherSource() {
        return "198.51." + (int) (Math.random() * 255) + "." + (1 + (int) (Math.random() * 250));
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
