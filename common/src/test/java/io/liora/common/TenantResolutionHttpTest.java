package io.liora.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.liora.common.security.VerifiedTokens;
import io.liora.testing.TestTokens;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The whole tenant-resolution matrix, over HTTP, with real signed tokens. */
@QuarkusTest
class TenantResolutionHttpTest {

    @Inject
    JWTParser parser;

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();

    @Test
    void noTokenIsUnauthorized() {
        given().when().get("/probe/tenant").then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo("urn:liora:problem:unauthorized"));
    }

    @Test
    void badTokensAreUnauthorized() {
        bearer("not.a.jwt").get("/probe/tenant").then().statusCode(401).contentType("application/problem+json");
        String expired = TestTokens.claims("owner", "u").claim("cliente_id", a.toString())
                .expiresAt(System.currentTimeMillis() / 1000 - 600).jws().keyId(TestTokens.KEY_ID).sign(TestTokens.KEY);
        bearer(expired).get("/probe/tenant").then().statusCode(401);
        String otherKey = TestTokens.claims("owner", "u").claim("cliente_id", a.toString())
                .sign("liora-test-keys/otherPrivateKey.pem");
        bearer(otherKey).get("/probe/tenant").then().statusCode(401);
        String wrongIssuer = Jwt.issuer("https://evil.example").audience(TestTokens.AUDIENCE).subject("u")
                .claim("rol", "owner").claim("cliente_id", a.toString()).groups("owner").jws().keyId(TestTokens.KEY_ID)
                .sign(TestTokens.KEY);
        bearer(wrongIssuer).get("/probe/tenant").then().statusCode(401);
        String wrongAudience = Jwt.issuer(TestTokens.ISSUER).audience("someone-else").subject("u")
                .claim("rol", "owner").claim("cliente_id", a.toString()).groups("owner").jws().keyId(TestTokens.KEY_ID)
                .sign(TestTokens.KEY);
        bearer(wrongAudience).get("/probe/tenant").then().statusCode(401);
    }

    @Test
    void aTokenIsVerifiedOnceAndARefusedOneNeverRemembered() {
        assertThat(parser).isInstanceOf(VerifiedTokens.class);
        VerifiedTokens verified = (VerifiedTokens) parser;
        String token = TestTokens.staff("owner", a);
        int before = verified.remembered();
        bearer(token).get("/probe/tenant").then().statusCode(200);
        bearer(token).get("/probe/tenant").then().statusCode(200).body("cliente_id", equalTo(a.toString()));
        assertThat(verified.remembered()).isEqualTo(before + 1);
        // the same claims signed by another key: another text, verified (and refused) on its own
        String otherKey = TestTokens.claims("owner", "u").claim("cliente_id", a.toString())
                .sign("liora-test-keys/otherPrivateKey.pem");
        bearer(otherKey).get("/probe/tenant").then().statusCode(401);
        bearer(otherKey).get("/probe/tenant").then().statusCode(401);
        assertThat(verified.remembered()).isEqualTo(before + 1);
    }

    @Test
    void staffWithoutHeaderWorkInTheirTenant() {
        bearer(TestTokens.staff("owner", a)).get("/probe/tenant").then().statusCode(200)
                .body("cliente_id", equalTo(a.toString()));
    }

    @Test
    void staffWithMatchingHeaderWorkInTheirTenant() {
        bearer(TestTokens.staff("agent", a)).header("X-Client-ID", a.toString()).get("/probe/tenant")
                .then().statusCode(200).body("cliente_id", equalTo(a.toString()));
    }

    @Test
    void staffWithAnotherTenantsHeaderAreForbidden() {
        bearer(TestTokens.staff("admin", a)).header("X-Client-ID", b.toString()).get("/probe/tenant")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:liora:problem:tenant-mismatch"));
    }

    @Test
    void staffTokenWithoutTenantIsUnauthorized() {
        bearer(TestTokens.staffWithoutTenant("owner")).get("/probe/tenant").then().statusCode(401);
    }

    @Test
    void staffCannotUseAnotherTenantsPath() {
        bearer(TestTokens.staff("owner", a)).get("/probe/clientes/" + b + "/tenant").then().statusCode(403)
                .body("type", equalTo("urn:liora:problem:tenant-mismatch"));
        bearer(TestTokens.staff("owner", a)).get("/probe/clientes/" + a + "/tenant").then().statusCode(200)
                .body("cliente_id", equalTo(a.toString()));
    }

    @Test
    void serviceSelectsTheTenantWithTheHeader() {
        bearer(TestTokens.service("conversation-service")).header("X-Client-ID", b.toString())
                .get("/probe/tenant").then().statusCode(200).body("cliente_id", equalTo(b.toString()));
    }

    @Test
    void serviceWithoutHeaderOnATenantRouteIsABadRequest() {
        bearer(TestTokens.service("conversation-service")).get("/probe/tenant").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:liora:problem:tenant-required"));
    }

    @Test
    void serviceWithAMalformedHeaderIsABadRequest() {
        bearer(TestTokens.service("conversation-service")).header("X-Client-ID", "acme").get("/probe/tenant")
                .then().statusCode(400);
    }

    @Test
    void platformAdminSelectsAnyTenantByHeaderOrPath() {
        bearer(TestTokens.platformAdmin()).header("X-Client-ID", a.toString()).get("/probe/tenant").then()
                .statusCode(200).body("cliente_id", equalTo(a.toString()));
        bearer(TestTokens.platformAdmin()).get("/probe/clientes/" + b + "/tenant").then().statusCode(200)
                .body("cliente_id", equalTo(b.toString()));
        bearer(TestTokens.platformAdmin()).header("X-Client-ID", a.toString())
                .get("/probe/clientes/" + b + "/tenant").then().statusCode(403);
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).when();
    }
}
