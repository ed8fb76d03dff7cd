package io.liora.catalog;

import static io.liora.catalog.Catalogs.item;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadAndSearchTest {

    @Test
    void theActiveCatalogCarriesItsVersionAsETag() {
        UUID tenant = UUID.randomUUID();
        Catalogs.publishAsOwner(tenant, Catalogs.sample()).then().statusCode(201);
        String etag = service(tenant).get("/clientes/" + tenant + "/catalog/active").then().statusCode(200)
                .header("ETag", equalTo("\"v1\"")).extract().header("ETag");
        service(tenant).header("If-None-Match", etag).get("/clientes/" + tenant + "/catalog/active").then()
                .statusCode(304);
        Catalogs.publishAsOwner(tenant, Catalogs.body(List.of(item("N-1", "Nuevo", 10, null)))).then().statusCode(201);
        service(tenant).header("If-None-Match", etag).get("/clientes/" + tenant + "/catalog/active").then()
                .statusCode(200).header("ETag", equalTo("\"v2\"")).body("item_count", equalTo(1));
    }

    @Test
    void searchForgivesPluralsTyposAndTheTenantsSynonyms() {
        UUID tenant = UUID.randomUUID();
        var body = new java.util.HashMap<>(Catalogs.body(List.of(
                item("Z-1", "Zapatillas trail Patagonia", 49990, "Deportes"),
                item("Z-2", "Zapatilla urbana", 39990, "Calzado"),
                item("M-1", "Miel de ulmo", 6990, "Despensa"))));
        body.put("synonyms", java.util.Map.of("Zapas", List.of("zapatillas"), "endulzante", List.of("miel")));
        Catalogs.publishAsOwner(tenant, body).then().statusCode(201);
        service(tenant).get("/clientes/" + tenant + "/catalog/items?q=sapatillas trail").then().statusCode(200)
                .body("items.sku", contains("Z-1"));
        service(tenant).get("/clientes/" + tenant + "/catalog/items?q=zapas").then()
                .body("items.sku", contains("Z-2", "Z-1"));
        service(tenant).get("/clientes/" + tenant + "/catalog/items?q=ENDULZANTE").then()
                .body("items.sku", contains("M-1"));
        service(tenant).get("/clientes/" + tenant + "/catalog/items?q=parkas").then().body("items", hasSize(0));
        service(tenant).get("/clientes/" + tenant + "/catalog/active").then()
                .body("synonyms.zapas", contains("zapatillas"));

        // the same items with other synonyms are another version; the search follows it at once
        body.put("synonyms", java.util.Map.of("endulzante", List.of("zapatillas")));
        Catalogs.publishAsOwner(tenant, body).then().statusCode(201).body("version", equalTo(2));
        service(tenant).get("/clientes/" + tenant + "/catalog/items?q=endulzante").then()
                .body("items.sku", contains("Z-2", "Z-1"));
        // a rollback too
        given().auth().oauth2(TestTokens.staff("owner", tenant)).post("/clientes/" + tenant
                + "/catalog/snapshots/1/activate").then().statusCode(200);
        service(tenant).get("/clientes/" + tenant + "/catalog/items?q=endulzante").then()
                .body("items.sku", contains("M-1"));
    }

    @Test
    void historyAndRollback() {
        UUID tenant = UUID.randomUUID();
        String owner = TestTokens.staff("owner", tenant);
        Catalogs.publishAsOwner(tenant, Catalogs.sample()).then().statusCode(201);
        Catalogs.publishAsOwner(tenant, Catalogs.body(List.of(item("N-1", "Nuevo", 10, null)))).then().statusCode(201);
        // items and categories are the active version's, like the search
        service(tenant).get("/clientes/" + tenant + "/catalog/items/CAF-001").then().statusCode(404);
        service(tenant).get("/clientes/" + tenant + "/catalog/items/N-1").then().statusCode(200).body("precio", equalTo(10));
        service(tenant).get("/clientes/" + tenant + "/catalog/categories").then().statusCode(200)
                .body("version", equalTo(2)).body("categories", hasSize(0));
        given().auth().oauth2(owner).get("/clientes/" + tenant + "/catalog/snapshots").then().statusCode(200)
                .body("items.version", contains(2, 1)).body("total", equalTo(2));
        given().auth().oauth2(owner).get("/clientes/" + tenant + "/catalog/snapshots/1").then().statusCode(200)
                .body("active", equalTo(false)).body("items", hasSize(4));
        given().auth().oauth2(owner).post("/clientes/" + tenant + "/catalog/snapshots/1/activate").then()
                .statusCode(200).body("version", equalTo(1)).body("active", equalTo(true));
        service(tenant).get("/clientes/" + tenant + "/catalog/active").then().body("version", equalTo(1));
        service(tenant).get("/clientes/" + tenant + "/catalog/items?q=cafe").then().body("items", hasSize(2));
        service(tenant).get("/clientes/" + tenant + "/catalog/items/CAF-001").then().statusCode(200)
                .body("nombre", equalTo("Café de grano 1kg"));
        service(tenant).get("/clientes/" + tenant + "/catalog/items/N-1").then().statusCode(404);
        service(tenant).get("/clientes/" + tenant + "/catalog/categories").then().body("version", equalTo(1))
                .body("categories.categoria", contains("Cocina", "Deportes", "Despensa"))
                .body("categories.items", contains(1, 1, 2));
        given().auth().oauth2(owner).get("/clientes/" + tenant + "/catalog/ingest-logs?outcome=activated").then()
                .body("total", equalTo(1));
        given().auth().oauth2(owner).post("/clientes/" + tenant + "/catalog/snapshots/9/activate").then()
                .statusCode(404).body("type", equalTo("urn:liora:problem:snapshot-not-found"));
        given().auth().oauth2(TestTokens.staff("agent", tenant)).post("/clientes/" + tenant + "/catalog/snapshots/1/activate")
                .then().statusCode(403);
    }

    @Test
    void searchIgnoresCaseAndAccentsAndRanksTheExactNameThenNameWordsThenPrefixes() {
        UUID tenant = UUID.randomUUID();
        Catalogs.publishAsOwner(tenant, Catalogs.body(List.of(
                item("C-1", "Cafetera italiana", 24990, "Cocina"),
                item("C-2", "Café", 9990, "Despensa"),
                item("C-3", "Taza para café", 3990, "Cocina"),
                item("C-4", "Café de grano", 12990, "Despensa"),
                item("T-1", "Té verde", 4990, "Despensa")))).then().statusCode(201);
        service(tenant).get("/clientes/" + tenant + "/catalog/items?q=CAFE").then().statusCode(200)
                .body("items.sku", contains("C-2", "C-4", "C-3", "C-1"));
        service(tenant).get("/clientes/" + tenant + "/catalog/items?q=café grano").then()
                .body("items.sku", contains("C-4"));
        service(tenant).get("/clientes/" + tenant + "/catalog/items?q=cafe&categoria=cocina").then()
                .body("items.sku", contains("C-3", "C-1"));
        service(tenant).get("/clientes/" + tenant + "/catalog/items?categoria=Despensa&limit=2").then()
                .body("items", hasSize(2));
        service(tenant).get("/clientes/" + tenant + "/catalog/items?q=100%").then().statusCode(200)
                .body("items", hasSize(0));
        service(tenant).get("/clientes/" + tenant + "/catalog/categories").then().statusCode(200)
                .body("categories.categoria", contains("Cocina", "Despensa")).body("categories.items", contains(2, 3));
        service(tenant).get("/clientes/" + tenant + "/catalog/items/C-2").then().statusCode(200)
                .body("precio", equalTo(9990)).body("moneda", equalTo("CLP"));
        service(tenant).get("/clientes/" + tenant + "/catalog/items/NOPE").then().statusCode(404)
                .body("type", equalTo("urn:liora:problem:item-not-found"));
        service(tenant).get("/clientes/" + tenant + "/catalog/items?limit=500").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void aTenantWithoutCatalogGetsItsOwnProblemType() {
        UUID tenant = UUID.randomUUID();
        for (String path : new String[] {"/catalog/active", "/catalog/items?q=x", "/catalog/categories",
                "/catalog/items/X"}) {
            service(tenant).get("/clientes/" + tenant + path).then().statusCode(404)
                    .contentType("application/problem+json").body("type", equalTo("urn:liora:problem:catalog-not-found"));
        }
    }

    @Test
    void anotherTenantsCatalogIsNeverSeen() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        Catalogs.publishAsOwner(theirs, Catalogs.sample()).then().statusCode(201);
        String owner = TestTokens.staff("owner", mine);
        for (String path : new String[] {"/catalog/active", "/catalog/items?q=cafe", "/catalog/categories",
                "/catalog/items/CAF-001", "/catalog/snapshots", "/catalog/snapshots/1", "/catalog/ingest-logs"}) {
            given().auth().oauth2(owner).get("/clientes/" + theirs + path).then().statusCode(403);
            given().auth().oauth2(owner).header("X-Client-ID", theirs.toString()).get("/clientes/" + mine + path)
                    .then().statusCode(403);
        }
        given().auth().oauth2(owner).post("/clientes/" + theirs + "/catalog/snapshots/1/activate").then().statusCode(403);
        // a service asking for my tenant sees my (empty) catalog, not theirs
        service(mine).get("/clientes/" + mine + "/catalog/items?q=cafe").then().statusCode(404);
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", mine.toString())
                .get("/clientes/" + theirs + "/catalog/active").then().statusCode(403);
    }

    /** Only a client with catalog:read (conversation-service's) reads a tenant's catalog as a service. */
    @Test
    void servicesWithoutTheCatalogScopeReadNothing() {
        UUID tenant = UUID.randomUUID();
        Catalogs.publishAsOwner(tenant, Catalogs.sample()).then().statusCode(201);
        service(tenant).get("/clientes/" + tenant + "/catalog/active").then().statusCode(200);
        for (String client : new String[] {"integrations-service", "catalog-service"}) {
            for (String path : new String[] {"/catalog/active", "/catalog/items?q=cafe", "/catalog/items/CAF-001"}) {
                given().auth().oauth2(TestTokens.service(client)).header("X-Client-ID", tenant.toString())
                        .get("/clientes/" + tenant + path).then().statusCode(403);
            }
        }
    }

    private static RequestSpecification service(UUID tenant) {
        return given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", tenant.toString());
    }
}
