package io.liora.tenant.bootstrap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.liora.common.persistence.TenantTransactions;
import io.liora.testing.TestTokens;
import io.liora.tenant.cliente.Cliente;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo profile's seed: a tenant ready to chat on the sandbox number, created once. */
@QuarkusTest
@TestProfile(DemoSeedTest.Demo.class)
class DemoSeedTest {

    public static class Demo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liora.bootstrap.demo.enabled", "true",
                    "liora.bootstrap.demo.owner-email", "owner@demo.test",
                    "liora.bootstrap.demo.owner-password", "a long demo seed phrase",
                    "liora.bootstrap.demo.phone-number-id", "100000000000777",
                    "liora.bootstrap.demo.access-token", "sandbox-token-for-the-demo-number");
        }
    }

    @Inject
    Bootstrap bootstrap;

    @Inject
    TenantTransactions tx;

    @Test
    void theDemoTenantCanLogInAndOwnsTheSandboxNumber() {
        String token = given().contentType("application/json")
                .body(Map.of("email", "owner@demo.test", "password", "a long demo seed phrase"))
                .post("/auth/login").then().statusCode(200).extract().path("access_token");
        String tenant = given().auth().oauth2(TestTokens.service("conversation-service"))
                .get("/internal/waba/by-phone-number/100000000000777").then().statusCode(200)
                .body("cliente_slug", equalTo("demo")).extract().path("cliente_id");
        given().auth().oauth2(token).get("/clientes/" + tenant + "/usuarios").then().statusCode(200)
                .body("items[0].rol", equalTo("owner"));
    }

    @Test
    void seedingAgainCreatesNothing() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> bootstrap.demo());
        VertxContextSupport.subscribeAndAwait(() -> bootstrap.platformAdmin());
        long demos = VertxContextSupport.subscribeAndAwait(() -> tx.acrossTenants(() -> Cliente.count("slug", "demo")));
        assertThat(demos).isEqualTo(1);
    }
}
