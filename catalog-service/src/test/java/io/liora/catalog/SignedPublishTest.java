package io.liora.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Machines publish by signing the raw body with the tenant's secret. */
@QuarkusTest
class SignedPublishTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCorrectlySignedBodyIsPublished() throws Exception {
        UUID tenant = UUID.randomUUID();
        String secret = Catalogs.rotateSecret(tenant);
        assertThat(secret).startsWith("lcs_");
        byte[] body = JSON.writeValueAsBytes(Catalogs.sample());
        Catalogs.publishSigned(tenant, body, Catalogs.signature(secret, Catalogs.now(), body)).then().statusCode(201)
                .body("version", equalTo(1));
        given().auth().oauth2(TestTokens.staff("owner", tenant)).get("/clientes/" + tenant + "/catalog/ingest-logs")
                .then().body("items[0].actor", equalTo("signature"));
    }

    @Test
    void theSignatureCoversTheExactBytesWithAccentsAndEmoji() {
        UUID tenant = UUID.randomUUID();
        String secret = Catalogs.rotateSecret(tenant);
        byte[] body = "{\"items\":[{\"sku\":\"C-1\",\"nombre\":\"Café ☕ «especial»\",\"precio\":1990,\"url\":\"https://t.example.com/c\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        Catalogs.publishSigned(tenant, body, Catalogs.signature(secret, Catalogs.now(), body)).then().statusCode(201);
        given().auth().oauth2(TestTokens.staff("owner", tenant)).get("/clientes/" + tenant + "/catalog/items/C-1")
                .then().statusCode(200).body("nombre", equalTo("Café ☕ «especial»"));
    }

    @Test
    void aWrongMissingOrMalformedSignatureIsRefused() throws Exception {
        UUID tenant = UUID.randomUUID();
        String secret = Catalogs.rotateSecret(tenant);
        byte[] body = JSON.writeValueAsBytes(Catalogs.sample());
        byte[] other = JSON.writeValueAsBytes(Catalogs.body(List.of(Catalogs.item("E", "Evil", 1, null))));
        for (String header : new String[] {
                Catalogs.signature("lcs_not-the-secret", Catalogs.now(), body),
                Catalogs.signature(secret, Catalogs.now(), other),
                "t=" + Catalogs.now(), "v1=abc", "garbage"}) {
            Catalogs.publishSigned(tenant, body, header).then().statusCode(401)
                    .body("type", equalTo("urn:liora:problem:bad-signature"));
        }
        assertOutcomes(tenant, "bad_signature", 5);
    }

    @Test
    void aStaleSignatureIsRefused() throws Exception {
        UUID tenant = UUID.randomUUID();
        String secret = Catalogs.rotateSecret(tenant);
        byte[] body = JSON.writeValueAsBytes(Catalogs.sample());
        Catalogs.publishSigned(tenant, body, Catalogs.signature(secret, Catalogs.now() - 301, body)).then()
                .statusCode(401).body("type", equalTo("urn:liora:problem:stale-signature"));
        Catalogs.publishSigned(tenant, body, Catalogs.signature(secret, Catalogs.now() + 400, body)).then()
                .statusCode(401).body("type", equalTo("urn:liora:problem:stale-signature"));
        assertOutcomes(tenant, "stale_signature", 2);
    }

    @Test
    void aSignatureWorksOnce() throws Exception {
        UUID tenant = UUID.randomUUID();
        String secret = Catalogs.rotateSecret(tenant);
        byte[] body = JSON.writeValueAsBytes(Catalogs.sample());
        String header = Catalogs.signature(secret, Catalogs.now(), body);
        Catalogs.publishSigned(tenant, body, header).then().statusCode(201);
        Catalogs.publishSigned(tenant, body, header).then().statusCode(401)
                .body("type", equalTo("urn:liora:problem:replayed-signature"));
        assertOutcomes(tenant, "replayed", 1);
    }

    @Test
    void thePreviousSecretWorksDuringTheGracePeriodOnly() throws Exception {
        UUID tenant = UUID.randomUUID();
        String first = Catalogs.rotateSecret(tenant);
        given().auth().oauth2(TestTokens.staff("admin", tenant)).post("/clientes/" + tenant + "/catalog/secret")
                .then().statusCode(201).header("Cache-Control", "no-store")
                .body("previous_valid_until", startsWith("20"));
        byte[] body = JSON.writeValueAsBytes(Catalogs.sample());
        Catalogs.publishSigned(tenant, body, Catalogs.signature(first, Catalogs.now(), body)).then().statusCode(201);

        TestDb.update(tenant, "update catalog_secrets set previous_valid_until = now() - interval '1 second'");
        byte[] next = JSON.writeValueAsBytes(Catalogs.body(List.of(Catalogs.item("N", "Nuevo", 10, null))));
        Catalogs.publishSigned(tenant, next, Catalogs.signature(first, Catalogs.now(), next)).then().statusCode(401);
    }

    @Test
    void theSecretIsStoredEncryptedAndOnlyOwnersAndAdminsRotateIt() {
        UUID tenant = UUID.randomUUID();
        String secret = Catalogs.rotateSecret(tenant);
        Map<String, Object> row = TestDb.query(tenant, "select secret, secret_key_id from catalog_secrets").get(0);
        assertThat((String) row.get("secret")).doesNotContain(secret).doesNotContain(secret.substring(4, 20));
        assertThat(row.get("secret_key_id")).isEqualTo("test-new");
        given().auth().oauth2(TestTokens.staff("agent", tenant)).post("/clientes/" + tenant + "/catalog/secret")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.staff("owner", UUID.randomUUID())).post("/clientes/" + tenant + "/catalog/secret")
                .then().statusCode(403);
    }

    @Test
    void anotherTenantsSecretDoesNotSignForThisTenant() throws Exception {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        Catalogs.rotateSecret(mine);
        String theirSecret = Catalogs.rotateSecret(theirs);
        byte[] body = JSON.writeValueAsBytes(Catalogs.sample());
        Catalogs.publishSigned(mine, body, Catalogs.signature(theirSecret, Catalogs.now(), body)).then().statusCode(401);
    }

    private static void assertOutcomes(UUID tenant, String outcome, int count) {
        given().auth().oauth2(TestTokens.staff("owner", tenant))
                .get("/clientes/" + tenant + "/catalog/ingest-logs?outcome=" + outcome).then().statusCode(200)
                .body("total", equalTo(count));
    }
}
