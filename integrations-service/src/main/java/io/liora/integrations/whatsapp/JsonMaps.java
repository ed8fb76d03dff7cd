package io.liora.integrations.whatsapp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.Map;

/** Records to the snake_case maps Meta's API takes, leaving absent fields out. */
final class JsonMaps {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private JsonMaps() {
    }

    static Map<String, Object> of(Object value) {
        return JSON.convertValue(value, new TypeReference<>() {
        });
    }
}
