package io.liora.catalog.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.liora.catalog.snapshot.SnapshotContent;
import io.liora.common.text.TextNormalizer;

/**
 * The catalog in one canonical form: items ordered by sku, fields in a fixed order, strings
 * trimmed, absent fields left out, prices as plain decimals without trailing zeros. Its SHA-256 is
 * the snapshot's checksum, so the same content published twice, in any order, is recognised.
 * Synonyms are keyed by their normalised word, their meanings sorted and distinct; a catalog
 * without synonyms keeps the checksum of its items alone, as before synonyms existed.
 */
final class CanonicalCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalCatalog() {
    }

    static List<Map<String, Object>> canonicalItems(List<CatalogItem> items) {
        List<CatalogItem> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(CatalogItem::sku));
        List<Map<String, Object>> canonical = new ArrayList<>(sorted.size());
        for (CatalogItem item : sorted) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("sku", item.sku());
            fields.put("nombre", item.nombre());
            putIfPresent(fields, "descripcion", item.descripcion());
            fields.put("precio", new BigDecimal(item.precio().stripTrailingZeros().toPlainString()));
            fields.put("moneda", item.moneda());
            fields.put("url", item.url());
            putIfPresent(fields, "imagen_url", item.imagenUrl());
            putIfPresent(fields, "categoria", item.categoria());
            putIfPresent(fields, "stock", item.stock());
            canonical.add(fields);
        }
        return canonical;
    }

    static Map<String, List<String>> canonicalSynonyms(Map<String, List<String>> synonyms) {
        Map<String, List<String>> canonical = new TreeMap<>();
        synonyms.forEach((word, alternatives) -> canonical.merge(TextNormalizer.normalize(word),
                alternatives.stream().distinct().sorted().toList(),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().sorted().toList()));
        return canonical;
    }

    /**
     * The content as stored, serialised once: the checksum is the SHA-256 of the items' JSON, or, with
     * synonyms, of {@code {"items":…,"synonyms":…}} in that order.
     */
    static SnapshotContent content(List<Map<String, Object>> canonicalItems, Map<String, List<String>> canonicalSynonyms) {
        String items = json(canonicalItems);
        String synonyms = canonicalSynonyms.isEmpty() ? null : json(canonicalSynonyms);
        String hashed = synonyms == null ? items : "{\"items\":" + items + ",\"synonyms\":" + synonyms + "}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(hashed.getBytes(StandardCharsets.UTF_8));
            return new SnapshotContent(canonicalItems.size(), items, synonyms, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putIfPresent(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
