package io.liora.tenant;

import static io.liora.tenant.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Malformed and invalid input gets a 400 problem naming the field, never a 500. */
@QuarkusTest
class BadInputTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void malformedJsonIsRefused() {
        as(TestTokens.platformAdmin()).body("{\"slug\": \"x\",").post("/clientes").then().statusCode(400)
                .contentType(PROBLEM).body("type", equalTo("urn:liora:problem:malformed-body"));
        given().contentType(ContentType.JSON).body("[1,2").post("/auth/login").then().statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void wrongTypesNameTheField() {
        UUID tenant = Fixtures.tenant();
        as(TestTokens.platformAdmin()).body("{\"slug\": 12, \"nombre\": [\"x\"]}").post("/clientes").then()
                .statusCode(400).contentType(PROBLEM);
        as(Fixtures.staff("owner", tenant)).body("{\"msisdn\": \"+56912345678\", \"slots_json\": \"not an object\"}")
                .put("/clientes/" + tenant + "/usuarios/" + Fixtures.user(tenant, "agent", Fixtures.email()) + "/context")
                .then().statusCode(400).body("errors[0].field", equalTo("slots_json"))
                .body("errors[0].pointer", equalTo("/slots_json"));
        as(Fixtures.staff("owner", tenant)).body("{\"waba_id\":\"1\",\"phone_number_id\":\"2\","
                + "\"access_token\":\"EAAG-long-enough-token-000\",\"expiracion_token\":\"mañana\"}")
                .post("/clientes/" + tenant + "/waba").then().statusCode(400)
                .body("errors[0].field", equalTo("expiracion_token"));
    }

    @Test
    void missingFieldsAreAllNamedAtOnce() {
        UUID tenant = Fixtures.tenant();
        as(Fixtures.staff("owner", tenant)).body(Map.of()).post("/clientes/" + tenant + "/usuarios").then()
                .statusCode(400).contentType(PROBLEM).body("errors.field", hasItems("email", "rol", "password"));
        as(Fixtures.staff("owner", tenant)).post("/clientes/" + tenant + "/usuarios").then().statusCode(400);
    }

    @Test
    void overLongStringsAndBadValuesAreRefused() {
        UUID tenant = Fixtures.tenant();
        as(Fixtures.staff("owner", tenant)).body(Map.of("email", "a".repeat(250) + "@x.cl", "nombre", "n".repeat(101),
                "rol", "superuser", "password", "short")).post("/clientes/" + tenant + "/usuarios").then()
                .statusCode(400).body("errors.field", hasItems("email", "nombre", "rol", "password"));
        as(TestTokens.platformAdmin()).body(Map.of("slug", "ok-slug", "nombre", "x".repeat(101), "plan", "gold"))
                .post("/clientes").then().statusCode(400).body("errors.field", hasItems("nombre", "plan"));
    }

    @Test
    void invalidEmailsAndIdsAreRefused() {
        UUID tenant = Fixtures.tenant();
        as(Fixtures.staff("owner", tenant)).body(Map.of("email", "not-an-email", "rol", "agent",
                "password", Fixtures.PASSWORD)).post("/clientes/" + tenant + "/usuarios").then().statusCode(400)
                .body("errors.field", hasItem("email"));
        as(Fixtures.staff("owner", tenant)).get("/clientes/" + tenant + "/usuarios/not-a-uuid").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("usuarioId"));
        as(Fixtures.staff("owner", tenant)).header("X-Client-ID", "acme").get("/clientes/" + tenant + "/usuarios")
                .then().statusCode(400).contentType(PROBLEM);
        as(TestTokens.platformAdmin()).header("X-Client-ID", "acme").get("/clientes/" + tenant + "/usuarios")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void wrongMediaTypeAndMethodAreRefused() {
        UUID tenant = Fixtures.tenant();
        given().auth().oauth2(Fixtures.staff("owner", tenant)).contentType("text/plain").body("hola")
                .post("/clientes/" + tenant + "/usuarios").then().statusCode(415).contentType(PROBLEM);
        given().auth().oauth2(Fixtures.staff("owner", tenant)).delete("/clientes/" + tenant).then().statusCode(405)
                .contentType(PROBLEM);
    }
}
