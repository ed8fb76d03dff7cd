package io.liora.tenant;

import static io.liora.tenant.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.liora.common.crypto.CryptoConfig;
import io.liora.common.crypto.SecretCipher;
import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WabaResourceTest {

    /** Finds a number's owner (waba:lookup). */
    private static final String LOOKUP = TestTokens.service("conversation-service");
    /** Reads a number's credentials (waba:credentials). */
    private static final String SERVICE = TestTokens.service("integrations-service");

    @Test
    void registeringANumberStoresOnlyCiphertextAndAnswersWithoutTheToken() {
        UUID tenant = Fixtures.tenant();
        String number = Fixtures.phoneNumberId();
        String token = "EAAGsecretGraphToken" + UUID.randomUUID().toString().replace("-", "");
        String body = as(Fixtures.staff("owner", tenant))
                .body(Map.of("waba_id", "200000000000001", "phone_number_id", number, "access_token", token))
                .post("/clientes/" + tenant + "/waba").then().statusCode(201)
                .body("token_last4", equalTo(token.substring(token.length() - 4)))
                .body("estado", equalTo("activo")).extract().asString();
        assertThat(body).doesNotContain(token).doesNotContain(token.substring(0, 20));

        Map<String, Object> row = TestDb.query(tenant,
                "select access_token, token_key_id from waba_accounts where phone_number_id = ?", number).get(0);
        assertThat((String) row.get("access_token")).doesNotContain(token).doesNotContain("EAAG");
        assertThat(row.get("token_key_id")).isEqualTo("test-new");

        as(Fixtures.staff("admin", tenant)).get("/clientes/" + tenant + "/waba").then().statusCode(200)
                .body("items", hasSize(1)).body(not(containsString(token)));
    }

    @Test
    void aNumberBelongsToOneTenantOnly() {
        String number = Fixtures.phoneNumberId();
        Fixtures.waba(Fixtures.tenant(), number, "EAAG-token-of-the-first-tenant");
        UUID other = Fixtures.tenant();
        as(Fixtures.staff("owner", other))
                .body(Map.of("waba_id", "200000000000002", "phone_number_id", number, "access_token",
                        "EAAG-token-of-the-second-tenant"))
                .post("/clientes/" + other + "/waba").then().statusCode(409);
    }

    @Test
    void servicesFindTheOwnerOfANumberAndItsDecryptedCredentials() {
        UUID tenant = Fixtures.tenant();
        String number = Fixtures.phoneNumberId();
        String token = "EAAG-credentials-for-the-sender-123";
        UUID waba = Fixtures.waba(tenant, number, token);
        as(LOOKUP).get("/internal/waba/by-phone-number/" + number).then().statusCode(200)
                .body("cliente_id", equalTo(tenant.toString())).body("waba_account_id", equalTo(waba.toString()))
                .body("estado", equalTo("activo")).body("cliente_estado", equalTo("activo"));
        as(SERVICE).get("/internal/clientes/" + tenant + "/waba/" + number + "/credentials").then().statusCode(200)
                .body("access_token", equalTo(token)).body("phone_number_id", equalTo(number));
        as(LOOKUP).get("/internal/waba/by-phone-number/999999999").then().statusCode(404);
        // another tenant's number is not this tenant's
        as(SERVICE).get("/internal/clientes/" + Fixtures.tenant() + "/waba/" + number + "/credentials")
                .then().statusCode(404);
        // and staff cannot read credentials at all
        as(Fixtures.staff("owner", tenant)).get("/internal/clientes/" + tenant + "/waba/" + number + "/credentials")
                .then().statusCode(403);
    }

    @Test
    void anExpiredTokenIsMarkedAndRotatingItClearsTheMark() {
        UUID tenant = Fixtures.tenant();
        String number = Fixtures.phoneNumberId();
        UUID waba = Fixtures.waba(tenant, number, "EAAG-token-that-will-expire-01");
        as(SERVICE).post("/internal/clientes/" + tenant + "/waba/" + number + "/needs-reauth").then().statusCode(204);
        as(Fixtures.staff("owner", tenant)).get("/clientes/" + tenant + "/waba").then()
                .body("items[0].estado", equalTo("needs_reauth"));
        as(Fixtures.staff("owner", tenant)).body(Map.of("access_token", "EAAG-the-rotated-token-000002"))
                .patch("/clientes/" + tenant + "/waba/" + waba).then().statusCode(200)
                .body("estado", equalTo("activo")).body("token_last4", equalTo("0002"));
        as(SERVICE).get("/internal/clientes/" + tenant + "/waba/" + number + "/credentials").then()
                .body("access_token", equalTo("EAAG-the-rotated-token-000002"));
    }

    @Test
    void aRowSealedWithAnOldKeyStillDecryptsAndReEncryptionMovesIt() {
        UUID tenant = Fixtures.tenant();
        String number = Fixtures.phoneNumberId();
        Fixtures.waba(tenant, number, "EAAG-placeholder-token-xxxx");
        SecretCipher oldCipher = new SecretCipher(config("test-old"));
        SecretCipher.Sealed sealed = oldCipher.seal("EAAG-sealed-with-the-old-key", "waba_accounts.access_token:" + tenant);
        update(tenant, "update waba_accounts set access_token = ?, token_key_id = ? where phone_number_id = ?",
                sealed.ciphertext(), sealed.keyId(), number);

        as(SERVICE).get("/internal/clientes/" + tenant + "/waba/" + number + "/credentials").then().statusCode(200)
                .body("access_token", equalTo("EAAG-sealed-with-the-old-key"));

        as(TestTokens.platformAdmin()).post("/internal/admin/waba/re-encrypt").then().statusCode(200)
                .body("primary_key", equalTo("test-new"));
        assertThat(TestDb.query(tenant, "select token_key_id from waba_accounts where phone_number_id = ?", number)
                .get(0)).containsEntry("token_key_id", "test-new");
        as(SERVICE).get("/internal/clientes/" + tenant + "/waba/" + number + "/credentials").then()
                .body("access_token", equalTo("EAAG-sealed-with-the-old-key"));
    }

    @Test
    void aCiphertextCopiedIntoAnotherTenantsRowDoesNotDecrypt() {
        UUID victim = Fixtures.tenant();
        UUID thief = Fixtures.tenant();
        String victimNumber = Fixtures.phoneNumberId();
        String thiefNumber = Fixtures.phoneNumberId();
        Fixtures.waba(victim, victimNumber, "EAAG-the-victims-precious-token");
        Fixtures.waba(thief, thiefNumber, "EAAG-the-thiefs-own-token-0000");
        Map<String, Object> stolen = TestDb.query(victim,
                "select access_token, token_key_id from waba_accounts where phone_number_id = ?", victimNumber).get(0);
        update(thief, "update waba_accounts set access_token = ?, token_key_id = ? where phone_number_id = ?",
                stolen.get("access_token"), stolen.get("token_key_id"), thiefNumber);

        as(SERVICE).get("/internal/clientes/" + thief + "/waba/" + thiefNumber + "/credentials").then()
                .statusCode(409).body("type", equalTo("urn:liora:problem:credentials-unreadable"))
                .body(not(containsString("precious")));
    }

    @Test
    void reEncryptionSkipsAndNamesRowsItCannotRead() {
        UUID tenant = Fixtures.tenant();
        String number = Fixtures.phoneNumberId();
        UUID waba = Fixtures.waba(tenant, number, "EAAG-token-whose-key-is-gone-000");
        update(tenant, "update waba_accounts set token_key_id = 'retired-key' where phone_number_id = ?", number);
        as(TestTokens.platformAdmin()).post("/internal/admin/waba/re-encrypt").then().statusCode(200)
                .body("unreadable", hasItem(waba.toString()));
        assertThat(TestDb.query(tenant, "select token_key_id from waba_accounts where phone_number_id = ?", number)
                .get(0)).containsEntry("token_key_id", "retired-key");
    }

    @Test
    void anotherTenantsWabaCannotBeChanged() {
        UUID mine = Fixtures.tenant();
        UUID theirs = Fixtures.tenant();
        UUID theirWaba = Fixtures.waba(theirs, Fixtures.phoneNumberId(), "EAAG-their-token-000000000");
        as(Fixtures.staff("owner", mine)).body(Map.of("estado", "inactivo"))
                .patch("/clientes/" + mine + "/waba/" + theirWaba).then().statusCode(404);
        as(Fixtures.staff("owner", mine)).body(Map.of("estado", "inactivo"))
                .patch("/clientes/" + theirs + "/waba/" + theirWaba).then().statusCode(403);
        as(Fixtures.staff("owner", mine)).get("/clientes/" + theirs + "/waba").then().statusCode(403);
    }

    @Test
    void invalidNumbersAndTokensAreRefused() {
        UUID tenant = Fixtures.tenant();
        as(Fixtures.staff("owner", tenant)).body(Map.of("waba_id", "abc", "phone_number_id", "+56 9", "access_token", "short"))
                .post("/clientes/" + tenant + "/waba").then().statusCode(400)
                .body("errors.field", hasItem("waba_id")).body("errors.field", hasItem("phone_number_id"))
                .body("errors.field", hasItem("access_token"));
    }

    private static void update(UUID tenant, String sql, Object... args) {
        try {
            assertThat(TestDb.update(tenant, sql, args)).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CryptoConfig config(String primary) {
        return new CryptoConfig() {
            @Override
            public List<String> keys() {
                return List.of("test-old:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
            }

            @Override
            public String primaryKey() {
                return primary;
            }
        };
    }
}
