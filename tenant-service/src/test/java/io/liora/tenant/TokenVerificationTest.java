package io.liora.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

/** The JWKS, key rotation, and every forged or broken token a tenant route must refuse. */
@QuarkusTest
class TokenVerificationTest {

    private static final String ROTATED_KEY = "src/test/resources/signing-keys/liora-test-2.pem";

    @Test
    void jwksPublishesEveryKeyAndNoPrivatePart() {
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", containsInAnyOrder("liora-test-1", "liora-test-2"))
                .body("keys.alg", everyItem(equalTo("RS256")))
                .body("keys.use", everyItem(equalTo("sig")))
                .body("keys.d", everyItem(nullValue()))
                .body("keys.p", everyItem(nullValue()));
    }

    @Test
    void aLoginTokenVerifiesAgainstThePublishedJwks() throws Exception {
        UUID tenant = Fixtures.tenant();
        String email = Fixtures.email();
        Fixtures.user(tenant, "owner", email);
        String token = Fixtures.login(email, Fixtures.PASSWORD);

        JsonWebKeySet jwks = new JsonWebKeySet(given().get("/.well-known/jwks.json").asString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(jwks.findJsonWebKey(jws.getKeyIdHeaderValue(), "RSA", "sig", "RS256").getKey());
        assertThat(jws.verifySignature()).isTrue();
    }

    @Test
    void tokensSignedByEitherPublishedKeyVerify() throws Exception {
        UUID tenant = Fixtures.tenant();
        String current = TestTokens.staff("owner", tenant);
        String rotated = owner(tenant).jws().keyId("liora-test-2").sign(rotatedKey());
        given().auth().oauth2(current).get("/clientes/" + tenant).then().statusCode(200);
        given().auth().oauth2(rotated).get("/clientes/" + tenant).then().statusCode(200);
    }

    @Test
    void forgedAndBrokenTokensAreRefused() throws Exception {
        UUID tenant = Fixtures.tenant();
        String route = "/clientes/" + tenant;
        Map<String, String> forged = Map.of(
                "alg none", unsigned(owner(tenant)),
                "HS256 keyed with the RSA public key", hs256WithPublicKey(tenant),
                "expired", TestTokens.sign(owner(tenant).expiresAt(System.currentTimeMillis() / 1000 - 120)),
                "wrong issuer", TestTokens.sign(owner(tenant).issuer("https://evil.example")),
                "wrong audience", TestTokens.sign(owner(tenant).audience("another-app")),
                "unknown kid", owner(tenant).jws().keyId("liora-test-9").sign(TestTokens.KEY),
                "signed by another key", owner(tenant).jws().keyId("liora-test-1")
                        .sign("liora-test-keys/otherPrivateKey.pem"),
                "tampered payload", tamper(TestTokens.staff("owner", UUID.randomUUID()), tenant));
        forged.forEach((what, token) -> given().auth().oauth2(token).get(route).then()
                .statusCode(401).contentType("application/problem+json"));
        // and the genuine one passes, so the 401s above are about the tokens
        given().auth().oauth2(TestTokens.sign(owner(tenant))).get(route).then().statusCode(200);
    }

    @Test
    void aStaffTokenWithoutTenantIsRefusedOnTenantRoutes() {
        UUID tenant = Fixtures.tenant();
        given().auth().oauth2(TestTokens.staffWithoutTenant("owner")).get("/clientes/" + tenant + "/usuarios")
                .then().statusCode(401);
    }

    /** As tenant-service issues them: a staff token names its user (one it can check the state of). */
    private static JwtClaimsBuilder owner(UUID tenant) {
        UUID usuario = UUID.randomUUID();
        return TestTokens.claims("owner", usuario.toString()).claim("usuario_id", usuario.toString())
                .claim("cliente_id", tenant.toString());
    }

    private static java.security.PrivateKey rotatedKey() throws Exception {
        return io.smallrye.jwt.util.KeyUtils.decodePrivateKey(Files.readString(Path.of(ROTATED_KEY)));
    }

    private static String unsigned(JwtClaimsBuilder claims) {
        String signed = TestTokens.sign(claims);
        String payload = signed.split("\\.")[1];
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
    }

    /** The classic confusion attack: the public key, which anyone has, used as an HMAC secret. */
    private static String hs256WithPublicKey(UUID tenant) throws Exception {
        String payload = TestTokens.sign(owner(tenant)).split("\\.")[1];
        String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"liora-test-1\"}") + "." + payload;
        byte[] publicKey = Files.readAllBytes(Path.of("../common/src/test/resources/liora-test-keys/publicKey.pem"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(publicKey, "HmacSHA256"));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A valid token of another tenant whose payload is edited to name this one. */
    private static String tamper(String token, UUID tenant) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String edited = payload.replaceAll("\"cliente_id\":\"[^\"]+\"", "\"cliente_id\":\"" + tenant + "\"");
        return parts[0] + "." + b64(edited) + "." + parts[2];
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

}
