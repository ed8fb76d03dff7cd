package io.liora.tenant.bootstrap;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Outside the dev and demo profiles nothing but the configured platform admin is created. */
@QuarkusTest
class NoSeedOutsideDemoTest {

    @Test
    void thereIsNoDemoTenant() {
        given().auth().oauth2(TestTokens.platformAdmin()).get("/clientes?size=100").then().statusCode(200)
                .body("items.slug", not(hasItem("demo")));
        given().auth().oauth2(TestTokens.service("conversation-service"))
                .get("/internal/waba/by-phone-number/100000000000001").then().statusCode(404);
    }
}
