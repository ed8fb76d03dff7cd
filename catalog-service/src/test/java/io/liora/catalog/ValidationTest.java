package io.liora.catalog;

import static io.liora.catalog.Catalogs.item;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every rule of a publish body, each answered with a JSON pointer; all errors at once. */
@QuarkusTest
class ValidationTest {

    @Test
    void theSchemaIsPublished() {
        given().get("/catalog/schema").then().statusCode(200)
                .body("$id", equalTo("urn:liora:catalog:publish:v1"))
                .body("properties.items.maxItems", equalTo(10000));
    }

    @Test
    void everyErrorIsReportedAtOnceWithItsPointer() {
        Map<String, Object> noSku = new HashMap<>(item("A", "n", 1, null));
        noSku.remove("sku");
        var body = Catalogs.body(List.of(
                noSku,
                item("DUP", "Primero", 100, null),
                item("DUP", "Segundo", 100, null),
                item("NEG", "Negativo", -5, null),
                item("DEC", "Decimales", 10.5, null)));
        publish(body).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:liora:problem:validation"))
                .body("errors.pointer", hasItems("/items/0/sku", "/items/3/precio"))
                .body("errors.field", hasItem("items[0].sku"));
    }

    @Test
    void semanticRulesAreCheckedToo() {
        var body = Catalogs.body(List.of(
                item("DUP", "Primero", 100, null),
                item("DUP", "Segundo", 100, null),
                item("DEC", "Decimales en CLP", 10.5, null),
                withCurrency(item("USD", "Dólares", 10.555, null), "USD"),
                withCurrency(item("XXY", "Moneda inventada", 10, null), "XXY")));
        publish(body).then().statusCode(400)
                .body("errors.pointer", hasItems("/items/1/sku", "/items/2/precio", "/items/3/precio",
                        "/items/4/moneda"));
        publish(Catalogs.body(List.of(withCurrency(item("OK", "Dos decimales", 10.55, null), "USD"))))
                .then().statusCode(201);
    }

    @Test
    void linksMustBeHttpsToPublicHosts() {
        String[] bad = {"http://tienda.example.com/p", "https://localhost/p", "https://127.0.0.1/p",
                "https://10.0.0.8/p", "https://192.168.1.20/p", "https://172.16.4.4/p", "https://169.254.169.254/latest",
                "https://[::1]/p", "https://[fd00::1]/p", "https://100.64.0.1/p", "https://intranet/p",
                "https://printer.local/p", "ftp://tienda.example.com/p", "https://user:pw@tienda.example.com/p"};
        for (String url : bad) {
            Map<String, Object> it = new HashMap<>(item("U", "Link", 100, null));
            it.put("url", url);
            publish(Catalogs.body(List.of(it))).then().statusCode(400)
                    .body("errors.pointer", hasItem("/items/0/url"));
        }
        Map<String, Object> image = new HashMap<>(item("I", "Imagen", 100, null));
        image.put("imagen_url", "https://192.168.0.1/i.png");
        publish(Catalogs.body(List.of(image))).then().statusCode(400).body("errors.pointer", hasItem("/items/0/imagen_url"));
    }

    @Test
    void stringsAreTrimmedAndLimited() {
        UUID tenant = UUID.randomUUID();
        Map<String, Object> padded = new HashMap<>(item("  PAD-1 ", "  Nombre con espacios  ", 100, " Hogar "));
        padded.put("url", "  https://tienda.example.com/p/pad-1 ");
        Catalogs.publishAsOwner(tenant, Catalogs.body(List.of(padded))).then().statusCode(201);
        given().auth().oauth2(TestTokens.staff("owner", tenant)).get("/clientes/" + tenant + "/catalog/items/PAD-1")
                .then().statusCode(200).body("nombre", equalTo("Nombre con espacios")).body("categoria", equalTo("Hogar"));
        publish(Catalogs.body(List.of(item("L", "x".repeat(201), 100, null)))).then().statusCode(400)
                .body("errors.pointer", hasItem("/items/0/nombre"));
        publish(Catalogs.body(List.of(item("   ", "Vacío", 100, null)))).then().statusCode(400)
                .body("errors.pointer", hasItem("/items/0/sku"));
    }

    @Test
    void unknownFieldsAndWrongTypesAreRefused() {
        Map<String, Object> extra = new HashMap<>(item("E", "Extra", 100, null));
        extra.put("color", "rojo");
        publish(Catalogs.body(List.of(extra))).then().statusCode(400).body("errors.pointer", hasItem("/items/0/color"));
        publish(Map.of("items", "no es una lista")).then().statusCode(400).body("errors.pointer", hasItem("/items"));
        publish(Map.of("productos", List.of())).then().statusCode(400);
        given().auth().oauth2(TestTokens.staff("owner", UUID.randomUUID())).contentType("application/json")
                .body("{\"items\": [").post("/clientes/" + UUID.randomUUID() + "/catalog/publish").then()
                .statusCode(403);
    }

    @Test
    void synonymsAreOneWordEachWithAFewMeanings() {
        List<Map<String, Object>> items = List.of(item("S", "Zapatillas", 100, null));
        publish(Map.of("items", items, "synonyms", Map.of("dos palabras", List.of("zapatillas")))).then()
                .statusCode(400).body("errors.pointer", hasItem("/synonyms"));
        publish(Map.of("items", items, "synonyms", Map.of("zapas", List.of()))).then().statusCode(400)
                .body("errors.pointer", hasItem("/synonyms/zapas"));
        publish(Map.of("items", items, "synonyms", Map.of("zapas", "zapatillas"))).then().statusCode(400)
                .body("errors.pointer", hasItem("/synonyms/zapas"));
        publish(Map.of("items", items, "synonyms", Map.of("zapas", List.of(" ")))).then().statusCode(400)
                .body("errors.pointer", hasItem("/synonyms/zapas/0"));
        publish(Map.of("items", items, "synonyms", Map.of("zapas", List.of("zapatillas", "tenis")))).then()
                .statusCode(201);
    }

    @Test
    void malformedJsonIsABadRequest() {
        UUID tenant = UUID.randomUUID();
        Catalogs.publishAs(TestTokens.staff("owner", tenant), tenant, "{\"items\": [").then().statusCode(400)
                .body("type", equalTo("urn:liora:problem:malformed-body"));
    }

    @Test
    void tooManyItemsOrBytesAre413() {
        UUID tenant = UUID.randomUUID();
        Catalogs.publishAsOwner(tenant, Catalogs.body(Catalogs.many(10_001))).then().statusCode(413)
                .body("type", equalTo("urn:liora:problem:payload-too-large"));
        String padding = "x".repeat(2000);
        List<Map<String, Object>> heavy = Catalogs.many(3000);
        heavy.forEach(it -> it.put("descripcion", padding));
        Catalogs.publishAsOwner(tenant, Catalogs.body(heavy)).then().statusCode(413);
        given().auth().oauth2(TestTokens.staff("owner", tenant))
                .get("/clientes/" + tenant + "/catalog/ingest-logs?outcome=too_large").then().body("total", equalTo(2))
                .body("items.reason", hasItem(containsString("bytes")));
    }

    @Test
    void tenThousandItemsAreAccepted() {
        UUID tenant = UUID.randomUUID();
        Catalogs.publishAsOwner(tenant, Catalogs.body(Catalogs.many(10_000))).then().statusCode(201)
                .body("item_count", equalTo(10_000));
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", tenant.toString())
                .get("/clientes/" + tenant + "/catalog/items?q=producto numero 9999").then().statusCode(200)
                .body("items[0].sku", equalTo("SKU-9999"));
    }

    private static Map<String, Object> withCurrency(Map<String, Object> item, String moneda) {
        Map<String, Object> copy = new HashMap<>(item);
        copy.put("moneda", moneda);
        return copy;
    }

    private static io.restassured.response.Response publish(Object body) {
        return Catalogs.publishAsOwner(UUID.randomUUID(), body);
    }
}
