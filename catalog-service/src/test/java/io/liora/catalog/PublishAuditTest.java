package io.liora.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.catalog.audit.IngestLogRetention;
import io.liora.catalog.audit.PublishAudit;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every publish and rollback reaches the audit trail once, even when tenant-service is away for a while. */
@QuarkusTest
class PublishAuditTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    PublishAudit audit;

    @Inject
    IngestLogRetention retention;

    @BeforeEach
    void tenantService() throws Throwable {
        wiremock.resetAll();
        wiremock.stubFor(post("/tenant/oauth/token").willReturn(okJson("{\"access_token\":\""
                + TestTokens.service("catalog-service") + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        wiremock.stubFor(post("/tenant/internal/audit").willReturn(aResponse().withStatus(204)));
        VertxContextSupport.subscribeAndAwait(() -> audit.round()); // earlier tests' publishes
        wiremock.resetRequests();
    }

    private List<JsonNode> recorded(UUID tenant) {
        return wiremock.findAll(postRequestedFor(urlPathEqualTo("/tenant/internal/audit"))).stream().map(r -> {
            try {
                return JSON.readTree(r.getBodyAsString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(r -> r.path("cliente_id").asText().equals(tenant.toString())).toList();
    }

    @Test
    void publishesAndRollbacksAreRecordedOnceEvenAfterTenantServiceWasDown() throws Throwable {
        UUID tenant = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        String token = TestTokens.staff("owner", tenant, owner);
        Catalogs.publishAs(token, tenant, Catalogs.sample()).then().statusCode(201);
        Catalogs.publishAs(token, tenant, Catalogs.body(Catalogs.many(3))).then().statusCode(201);
        given().auth().oauth2(token).post("/clientes/" + tenant + "/catalog/snapshots/1/activate").then().statusCode(200);
        Catalogs.publishAs(TestTokens.staff("agent", tenant), tenant, Catalogs.sample()).then().statusCode(403);

        // tenant-service is down: nothing is lost, nothing marked
        wiremock.stubFor(post("/tenant/internal/audit").willReturn(aResponse().withStatus(503)));
        VertxContextSupport.subscribeAndAwait(() -> audit.round());
        assertThat(TestDb.query(tenant, "select count(*) as n from ingest_log where audited_at is not null").get(0))
                .containsEntry("n", 0L);

        wiremock.resetRequests();
        wiremock.stubFor(post("/tenant/internal/audit").willReturn(aResponse().withStatus(204)));
        VertxContextSupport.subscribeAndAwait(() -> audit.round());
        VertxContextSupport.subscribeAndAwait(() -> audit.round());
        List<JsonNode> records = recorded(tenant);
        assertThat(records).extracting(r -> r.path("action").asText())
                .containsExactly("catalog.published", "catalog.published", "catalog.rolled_back");
        assertThat(records.get(0).path("actor_id").asText()).isEqualTo(owner.toString());
        assertThat(records.get(0).path("detail").path("version").asInt()).isEqualTo(1);
        assertThat(records.get(2).path("target_id").asText()).isEqualTo("version 1");
        assertThat(records).extracting(r -> r.path("source_key").asText()).doesNotHaveDuplicates();
        // the refused attempt is the ingest log's business, not the audit trail's
        assertThat(TestDb.query(tenant, "select count(*) as n from ingest_log where audited_at is null").get(0))
                .containsEntry("n", 1L);
    }

    @Test
    void theIngestLogPastTheWindowIsRemovedOnceTheAuditTrailHasIt() throws Throwable {
        UUID tenant = UUID.randomUUID();
        Catalogs.publishAsOwner(tenant, Catalogs.sample()).then().statusCode(201);
        Catalogs.publishAsOwner(tenant, Catalogs.body(Catalogs.many(2))).then().statusCode(201);
        Catalogs.publishAsOwner(tenant, Catalogs.body(Catalogs.many(4))).then().statusCode(201);
        VertxContextSupport.subscribeAndAwait(() -> audit.round());
        // the first two are old; the second was never sent to the audit trail
        TestDb.update(tenant, "update ingest_log set created_at = now() - interval '40 days' where snapshot_version in (1, 2)");
        TestDb.update(tenant, "update ingest_log set audited_at = null where snapshot_version = 2");
        wiremock.stubFor(get("/tenant/internal/retention").willReturn(okJson(
                "[{\"cliente_id\":\"" + tenant + "\",\"retention_days\":30}]")));

        VertxContextSupport.subscribeAndAwait(() -> retention.run());

        assertThat(TestDb.query(tenant, "select snapshot_version from ingest_log order by snapshot_version"))
                .extracting(r -> r.get("snapshot_version")).containsExactly(2, 3);
        assertThat(TestDb.query(tenant, "select count(*) as n from catalog_snapshot").get(0))
                .as("the catalog itself stays").containsEntry("n", 3L);
    }
}
