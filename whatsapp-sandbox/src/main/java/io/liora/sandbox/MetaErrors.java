package io.liora.sandbox;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;

/** Meta's error shape: {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}. */
final class MetaErrors {

    private MetaErrors() {
    }

    static Response of(int status, int code, String message) {
        return Response.status(status).type("application/json").entity(Map.of("error", Map.of(
                "message", message,
                "type", code == 190 ? "OAuthException" : "OAuthException",
                "code", code,
                "error_subcode", code == 190 ? 463 : 2494010,
                "fbtrace_id", "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 22)))).build();
    }

    static Response invalid(String detail) {
        return of(400, 100, "(#100) Invalid parameter: " + detail);
    }
}
