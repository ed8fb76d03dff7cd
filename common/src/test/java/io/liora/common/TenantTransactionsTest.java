package io.liora.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The shared tenant transaction under Hibernate Reactive, with a reactive pool of one connection
 * (see application.properties), so every request reuses the connection the previous one used.
 */
@QuarkusTest
class TenantTransactionsTest {

    @Test
    void eachTenantSeesOnlyItsOwnRowsAndNothingLeaksThroughThePooledConnection() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String ownerA = TestTokens.staff("owner", a);
        String ownerB = TestTokens.staff("owner", b);

        write(ownerA, Map.of("text", "a-1")).then().statusCode(200);
        write(ownerB, Map.of("text", "b-1")).then().statusCode(200);
        write(ownerA, Map.of("text", "a-2")).then().statusCode(200);

        given().auth().oauth2(ownerA).get("/probe/notes").then().statusCode(200).body("$", contains("a-1", "a-2"));
        given().auth().oauth2(ownerB).get("/probe/notes").then().statusCode(200).body("$", contains("b-1"));

        // right after tenant A's request, on the same single connection, a transaction that forgot
        // its tenant finds nothing
        given().auth().oauth2(ownerA).get("/probe/notes").then().statusCode(200);
        given().get("/probe/notes/forgetful").then().statusCode(200).body(equalTo("0"));
    }

    @Test
    void writingAnotherTenantsRowIsForbidden() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        write(TestTokens.staff("owner", a), Map.of("cliente_id", b.toString(), "text", "sneaky"))
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.staff("owner", b)).get("/probe/notes").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void theNamedCrossTenantPathSeesEveryTenant() {
        write(TestTokens.staff("owner", UUID.randomUUID()), Map.of("text", "x")).then().statusCode(200);
        write(TestTokens.staff("owner", UUID.randomUUID()), Map.of("text", "y")).then().statusCode(200);
        long everyone = Long.parseLong(given().get("/probe/notes/everyone").then().statusCode(200)
                .extract().asString());
        org.assertj.core.api.Assertions.assertThat(everyone).isGreaterThanOrEqualTo(2);
        given().get("/probe/notes/forgetful").then().statusCode(200).body(equalTo("0"));
    }

    private static io.restassured.response.Response write(String token, Map<String, String> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).post("/probe/notes");
    }
}
