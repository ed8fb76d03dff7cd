package io.liora.integrations.whatsapp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as Meta's API takes it: records to snake_case maps or text, absent fields left out; and
 * back. The one mapper of the WhatsApp and template code.
 */
public final class JsonMaps {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private JsonMaps() {
    }

    public static Map<String, Object> of(Object value) {
        return JSON.convertValue(value, new TypeReference<>() {
        });
    }

    /** A record, map or list as JSON text. */
    public static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record, map or list as a tree, to read field by field. */
    public static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** JSON text holding an object (ours, so it is valid), as a map that can still be added to. */
    public static Map<String, Object> map(String text) {
        try {
            return JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is not an object", e);
        }
    }

    /** JSON text holding a list of objects (ours, so it is valid). */
    public static List<Map<String, Object>> listOfMaps(String text) {
        try {
            return JSON.readValue(text, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is not a list of objects", e);
        }
    }
}
