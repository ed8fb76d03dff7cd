package io.liora.integrations.whatsapp;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Meta's JSON answers, read leniently: an answer that is not JSON is an empty one. */
public final class MetaResponses {

    private MetaResponses() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> body(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(Map.class) : Map.of();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** Meta's own words for a refusal: {@code error_user_msg} when it has one, else {@code message}. */
    public static String errorMessage(Response response) {
        if (body(response).get("error") instanceof Map<?, ?> error) {
            Object user = error.get("error_user_msg");
            Object message = error.get("message");
            return String.valueOf(user != null ? user : message != null ? message : "HTTP " + response.getStatus());
        }
        return "HTTP " + response.getStatus();
    }
}
