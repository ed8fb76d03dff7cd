package io.liora.tenant;

import static io.liora.tenant.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each audited action leaves one record, with its actor and request, and never a secret. */
@QuarkusTest
class AuditTrailTest {

    private static final String CONVERSATION = TestTokens.service("conversation-service");

    private static List<Map<String, Object>> records(UUID tenant, String action) {
        return as(TestTokens.staff("owner", tenant)).queryParam("action", action)
                .get("/clientes/" + tenant + "/audit").then().statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void staffActionsAreRecordedOnceEachWithActorAndRequestAndNoSecret() {
        UUID tenant = Fixtures.tenant();
        UUID owner = UUID.randomUUID();
        String ownerToken = TestTokens.staff("owner", tenant, owner);
        String password = "a very secret password " + UUID.randomUUID();
        String email = Fixtures.email();
        String userId = as(ownerToken).header("X-Request-Id", "req-create-user-1")
                .body(Map.of("email", email, "nombre", "Ana", "rol", "agent", "password", password))
                .post("/clientes/" + tenant + "/usuarios").then().statusCode(201)
                .header("X-Request-Id", "req-create-user-1").extract().path("id");
        as(ownerToken).body(Map.of("rol", "admin", "password", password + " changed"))
                .patch("/clientes/" + tenant + "/usuarios/" + userId).then().statusCode(200);
        String graphToken = "EAAGauditSecret" + UUID.randomUUID().toString().replace("-", "");
        String number = Fixtures.phoneNumberId();
        String waba = as(ownerToken).body(Map.of("waba_id", "200000000000031", "phone_number_id", number,
                "access_token", graphToken)).post("/clientes/" + tenant + "/waba").then().statusCode(201)
                .extract().path("id");
        as(ownerToken).body(Map.of("access_token", graphToken + "rotated"))
                .patch("/clientes/" + tenant + "/waba/" + waba).then().statusCode(200);
        as(ownerToken).body(Map.of("retention_days", 30)).put("/clientes/" + tenant + "/policy").then().statusCode(200);
        as(ownerToken).delete("/clientes/" + tenant + "/usuarios/" + userId).then().statusCode(204);

        List<Map<String, Object>> created = records(tenant, "user.created");
        assertThat(created).hasSize(1);
        assertThat(created.get(0)).containsEntry("actor_id", owner.toString()).containsEntry("actor_role", "owner")
                .containsEntry("target_type", "user").containsEntry("target_id", userId)
                .containsEntry("request_id", "req-create-user-1").containsEntry("service", "tenant-service");
        assertThat(created.get(0).get("detail")).isEqualTo(Map.of("rol", "agent"));
        List<Map<String, Object>> changed = records(tenant, "user.changed");
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).get("detail")).isEqualTo(Map.of("rol", "admin", "password", "changed"));
        assertThat(records(tenant, "user.deleted")).hasSize(1);
        assertThat(records(tenant, "waba.registered")).hasSize(1);
        List<Map<String, Object>> rotated = records(tenant, "waba.changed");
        assertThat(rotated).hasSize(1);
        assertThat(((Map<?, ?>) rotated.get(0).get("detail")).get("token_rotated")).isEqualTo(true);
        assertThat(records(tenant, "policy.replaced")).hasSize(1);
        assertThat(records(tenant, "tenant.created")).hasSize(1);

        // no secret anywhere in the trail, answered or stored
        String all = as(ownerToken).get("/clientes/" + tenant + "/audit?limit=500").then().statusCode(200)
                .body("items", hasSize(7)).extract().asString();
        String stored = TestDb.query(tenant, "select string_agg(cast(to_jsonb(a) as text), ' ') as all "
                + "from audit_events a where cliente_id = ?", tenant).get(0).get("all").toString();
        for (String secret : List.of(password, graphToken, email)) {
            assertThat(all).doesNotContain(secret);
            assertThat(stored).doesNotContain(secret);
        }
    }

    @Test
    void theTrailIsPagedNewestFirstAndFiltered() {
        UUID tenant = Fixtures.tenant();
        for (int i = 0; i < 5; i++) {
            Fixtures.user(tenant, "agent", Fixtures.email());
        }
        JsonPath first = as(TestTokens.staff("owner", tenant)).queryParam("limit", 4)
                .get("/clientes/" + tenant + "/audit").then().statusCode(200).body("items", hasSize(4))
                .extract().jsonPath();
        String cursor = first.getString("next_cursor");
        assertThat(cursor).isNotBlank();
        List<String> times = first.getList("items.occurred_at");
        assertThat(times).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
        as(TestTokens.staff("owner", tenant)).queryParam("limit", 4).queryParam("cursor", cursor)
                .get("/clientes/" + tenant + "/audit").then().statusCode(200).body("items", hasSize(2))
                .body("next_cursor", equalTo(null));
        as(TestTokens.staff("owner", tenant)).queryParam("cursor", "not-a-cursor")
                .get("/clientes/" + tenant + "/audit").then().statusCode(400);
        as(TestTokens.staff("owner", tenant)).queryParam("action", "DROP TABLE")
                .get("/clientes/" + tenant + "/audit").then().statusCode(400);
    }

    @Test
    void onlyOwnersReadTheirTenantsTrailAndPlatformAdminsEveryTenants() {
        UUID tenant = Fixtures.tenant();
        UUID other = Fixtures.tenant();
        for (String rol : List.of("admin", "agent")) {
            as(TestTokens.staff(rol, tenant)).get("/clientes/" + tenant + "/audit").then().statusCode(403);
        }
        as(TestTokens.staff("owner", other)).get("/clientes/" + tenant + "/audit").then().statusCode(403);
        as(TestTokens.staff("owner", tenant)).get("/audit").then().statusCode(403);
        as(CONVERSATION).get("/clientes/" + tenant + "/audit").then().statusCode(403);
        as(TestTokens.platformAdmin()).get("/clientes/" + tenant + "/audit").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].action", equalTo("tenant.created"));
        List<String> tenants = as(TestTokens.platformAdmin()).queryParam("action", "tenant.created")
                .queryParam("limit", 500).get("/audit").then().statusCode(200).extract().jsonPath()
                .getList("items.cliente_id");
        assertThat(tenants).contains(tenant.toString(), other.toString());
    }

    @Test
    void aServiceRecordsItsOwnActionsOnceAndOnlyThoseWithItsScope() {
        UUID tenant = Fixtures.tenant();
        UUID erasure = UUID.randomUUID();
        Map<String, Object> event = new HashMap<>(Map.of("cliente_id", tenant.toString(), "action", "contact.erased",
                "actor_role", "owner", "target_type", "contact", "target_id", UUID.randomUUID().toString(),
                "occurred_at", Instant.now().toString(), "source_key", erasure + ":contact.erased"));
        as(CONVERSATION).body(event).post("/internal/audit").then().statusCode(204);
        as(CONVERSATION).body(event).post("/internal/audit").then().statusCode(204);
        List<Map<String, Object>> kept = records(tenant, "contact.erased");
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0)).containsEntry("service", "conversation-service");

        event.put("action", "user.created");
        event.put("source_key", "forged");
        as(CONVERSATION).body(event).post("/internal/audit").then().statusCode(400);
        as(TestTokens.service("integrations-service")).body(event).post("/internal/audit").then().statusCode(403);
        as(TestTokens.staff("owner", tenant)).body(event).post("/internal/audit").then().statusCode(403);
        // the trail cannot be changed: the application role may not update or delete it
        org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> TestDb.update(tenant, "delete from audit_events where cliente_id = ?", tenant));
    }

    @Test
    void everyTenantsRetentionWindowIsGivenToTheServicesOnly() {
        UUID tenant = Fixtures.tenant();
        UUID kept = Fixtures.tenant();
        as(TestTokens.staff("owner", tenant)).body(Map.of("retention_days", 0)).put("/clientes/" + tenant + "/policy")
                .then().statusCode(400);
        as(TestTokens.staff("owner", tenant)).body(Map.of("retention_days", 7)).put("/clientes/" + tenant + "/policy")
                .then().statusCode(200).body("retention_days", equalTo(7));
        List<Map<String, Object>> windows = as(TestTokens.service("integrations-service", Set.of("retention:read")))
                .get("/internal/retention").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(windows).contains(Map.of("cliente_id", tenant.toString(), "retention_days", 7),
                Map.of("cliente_id", kept.toString(), "retention_days", 180));
        as(TestTokens.staff("owner", tenant)).get("/internal/retention").then().statusCode(403);
        as(TestTokens.service("integrations-service", Set.of("waba:credentials"))).get("/internal/retention")
                .then().statusCode(403);
    }
}
