package io.liora.catalog;

import static io.restassured.RestAssured.given;

import io.liora.testing.TestTokens;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Catalog bodies and the two ways to publish them, as clients do. */
final class Catalogs {

    private Catalogs() {
    }

    static Map<String, Object> item(String sku, String nombre, Object precio, String categoria) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sku", sku);
        item.put("nombre", nombre);
        item.put("precio", precio);
        item.put("url", "https://tienda.example.com/p/" + sku);
        if (categoria != null) {
            item.put("categoria", categoria);
        }
        return item;
    }

    static Map<String, Object> body(List<Map<String, Object>> items) {
        return Map.of("items", items);
    }

    static Map<String, Object> sample() {
        return body(List.of(
                item("CAF-001", "Café de grano 1kg", 12990, "Despensa"),
                item("CAF-002", "Cafetera italiana", 24990, "Cocina"),
                item("ZAP-001", "Zapatillas running", 59990, "Deportes"),
                item("TE-001", "Té verde orgánico", 4990, "Despensa")));
    }

    static List<Map<String, Object>> many(int count) {
        List<Map<String, Object>> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(item("SKU-" + i, "Producto número " + i, 1000 + i, "Categoría " + (i % 20)));
        }
        return items;
    }

    static Response publishAs(String token, UUID tenant, Object body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .post("/clientes/" + tenant + "/catalog/publish");
    }

    static Response publishAsOwner(UUID tenant, Object body) {
        return publishAs(TestTokens.staff("owner", tenant), tenant, body);
    }

    static String rotateSecret(UUID tenant) {
        return given().auth().oauth2(TestTokens.staff("owner", tenant)).post("/clientes/" + tenant + "/catalog/secret")
                .then().statusCode(201).extract().path("secret");
    }

    static String signature(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Response publishSigned(UUID tenant, byte[] body, String signatureHeader) {
        return given().contentType("application/json").header("X-Liora-Signature", signatureHeader).body(body)
                .post("/clientes/" + tenant + "/catalog/publish");
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
