package io.liora.catalog;

import static io.liora.catalog.Catalogs.item;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PublishTest {

    @Test
    void anOwnerPublishesAVersionThatBecomesActive() {
        UUID tenant = UUID.randomUUID();
        Catalogs.publishAsOwner(tenant, Catalogs.sample()).then().statusCode(201)
                .body("version", equalTo(1)).body("item_count", equalTo(4)).body("active", equalTo(true))
                .body("checksum", matchesPattern("[0-9a-f]{64}"));
        given().auth().oauth2(TestTokens.staff("agent", tenant)).get("/clientes/" + tenant + "/catalog/active")
                .then().statusCode(200).body("version", equalTo(1)).body("items.sku",
                        equalTo(List.of("CAF-001", "CAF-002", "TE-001", "ZAP-001")));
    }

    @Test
    void theSameContentInAnyOrderCreatesNothing() {
        UUID tenant = UUID.randomUUID();
        String checksum = Catalogs.publishAsOwner(tenant, Catalogs.sample()).then().statusCode(201)
                .extract().path("checksum");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = new ArrayList<>((List<Map<String, Object>>) Catalogs.sample().get("items"));
        Collections.reverse(items);
        Catalogs.publishAsOwner(tenant, Catalogs.body(items)).then().statusCode(200)
                .body("version", equalTo(1)).body("checksum", equalTo(checksum)).body("active", equalTo(false));
        Catalogs.publishAsOwner(tenant, Catalogs.body(List.of(item("X-1", "Otro", 100, null)))).then()
                .statusCode(201).body("version", equalTo(2));
        given().auth().oauth2(TestTokens.staff("owner", tenant)).get("/clientes/" + tenant + "/catalog/ingest-logs")
                .then().statusCode(200).body("items.outcome", equalTo(List.of("accepted", "duplicate", "accepted")));
    }

    @Test
    void onlyOwnersAndAdminsOfTheTenantMayPublish() {
        UUID tenant = UUID.randomUUID();
        Catalogs.publishAs(TestTokens.staff("admin", tenant), tenant, Catalogs.sample()).then().statusCode(201);
        Catalogs.publishAs(TestTokens.staff("agent", tenant), tenant, Catalogs.sample()).then().statusCode(403);
        Catalogs.publishAs(TestTokens.staff("owner", UUID.randomUUID()), tenant, Catalogs.sample()).then()
                .statusCode(403).body("type", equalTo("urn:liora:problem:tenant-mismatch"));
        Catalogs.publishAs(TestTokens.service("conversation-service"), tenant, Catalogs.sample()).then().statusCode(403);
        Catalogs.publishAs("not-a-token", tenant, Catalogs.sample()).then().statusCode(401);
        given().contentType("application/json").body(Catalogs.sample()).post("/clientes/" + tenant + "/catalog/publish")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.staff("owner", tenant))
                .get("/clientes/" + tenant + "/catalog/ingest-logs?outcome=unauthorized&size=50").then().statusCode(200)
                .body("total", equalTo(5));
    }

    @Test
    void concurrentPublishesGetDistinctVersionsAndTheLastCommitIsActive() throws Exception {
        UUID tenant = UUID.randomUUID();
        int publishers = 6;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(publishers);
        List<java.util.concurrent.Future<Integer>> versions = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            int n = i;
            versions.add(pool.submit(() -> Catalogs.publishAsOwner(tenant,
                    Catalogs.body(List.of(item("RACE-" + n, "Producto " + n, 100 + n, null))))
                    .then().statusCode(201).extract().<Integer>path("version")));
        }
        List<Integer> got = new ArrayList<>();
        for (var version : versions) {
            got.add(version.get());
        }
        pool.shutdown();
        assertThat(got).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        // the active snapshot is the one whose transaction committed last: the highest version
        List<Map<String, Object>> active = TestDb.query(tenant,
                "select a.version, (select max(version) from catalog_snapshot) as newest,"
                        + " (select snapshot_version from ingest_log where outcome = 'accepted'"
                        + "  order by created_at desc, snapshot_version desc limit 1) as last_logged"
                        + " from catalog_active a");
        assertThat(active.get(0).get("version")).isEqualTo(6).isEqualTo(active.get(0).get("newest"))
                .isEqualTo(active.get(0).get("last_logged"));
    }

    @Test
    void everyAttemptIsLoggedWithItsOutcomeAndSource() {
        UUID tenant = UUID.randomUUID();
        Catalogs.publishAsOwner(tenant, Catalogs.sample()).then().statusCode(201);
        Catalogs.publishAsOwner(tenant, Map.of("items", List.of(Map.of("sku", "")))).then().statusCode(400);
        given().auth().oauth2(TestTokens.staff("admin", tenant))
                .get("/clientes/" + tenant + "/catalog/ingest-logs").then().statusCode(200)
                .body("items.outcome", hasItems("accepted", "invalid_schema"))
                .body("items[0].source_address", equalTo("127.0.0.1"))
                .body("items[1].item_count", equalTo(4));
        given().auth().oauth2(TestTokens.staff("admin", tenant))
                .get("/clientes/" + tenant + "/catalog/ingest-logs?outcome=accepted").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].actor", matchesPattern("usuario:.+"));
        given().auth().oauth2(TestTokens.staff("admin", tenant))
                .get("/clientes/" + tenant + "/catalog/ingest-logs?outcome=exploded").then().statusCode(400);
    }
}
