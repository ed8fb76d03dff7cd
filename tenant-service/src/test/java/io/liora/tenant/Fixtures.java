package io.liora.tenant;

import static io.restassured.RestAssured.given;

import io.liora.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Builds tenants, users and numbers through the public API, as a platform admin would. */
final class Fixtures {

    static final String PASSWORD = "a long enough password";

    private Fixtures() {
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static UUID tenant() {
        String slug = "t-" + UUID.randomUUID().toString().substring(0, 12);
        return UUID.fromString(as(TestTokens.platformAdmin())
                .body(Map.of("slug", slug, "nombre", "Tienda " + slug, "plan", "pro"))
                .post("/clientes").then().statusCode(201).extract().path("id"));
    }

    /** Creates a user of {@code rol} in the tenant and returns its id. */
    static UUID user(UUID tenant, String rol, String email) {
        return UUID.fromString(as(TestTokens.platformAdmin())
                .body(Map.of("email", email, "nombre", "Persona", "rol", rol, "password", PASSWORD))
                .post("/clientes/" + tenant + "/usuarios").then().statusCode(201).extract().path("id"));
    }

    static String email() {
        return "u" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    /** Logs in for real and returns the access token. */
    static String login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/auth/login").then().statusCode(200).extract().path("access_token");
    }

    /** A staff token of the given role, minted by the test key (no login needed). */
    static String staff(String rol, UUID tenant) {
        return TestTokens.staff(rol, tenant);
    }

    static String phoneNumberId() {
        return String.valueOf(100_000_000_000_000L + (long) (Math.random() * 899_999_999_999_999L));
    }

    static UUID waba(UUID tenant, String phoneNumberId, String token) {
        return UUID.fromString(as(TestTokens.platformAdmin())
                .body(Map.of("waba_id", "200000000000009", "phone_number_id", phoneNumberId, "access_token", token))
                .post("/clientes/" + tenant + "/waba").then().statusCode(201).extract().path("id"));
    }
}
