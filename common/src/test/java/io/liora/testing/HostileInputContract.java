package io.liora.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Every operation of a service's OpenAPI document, tried as a hostile client would: each string a
 * request can carry (body fields at any depth, path and query parameters) in turn set to a NUL
 * character, a lone surrogate and an over-long string, the rest plausible, as an owner of the
 * tenant, as a service and as a platform admin. No answer may be a 5xx: bad input is a 4xx problem.
 * A service's test extends it and adds {@code @QuarkusTest}.
 */
public abstract class HostileInputContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "__hostile__";
    /** How each hostile value is written in JSON text (escapes, so the bytes are what they say). */
    private static final Map<String, String> BODY_VALUES = Map.of(
            "NUL", "\"a\\u0000b\"",
            "lone surrogate", "\"a\\ud800b\"",
            "over-long", "\"" + "x".repeat(20_000) + "\"");
    /** The same, percent-encoded, for paths and queries (a lone surrogate has no UTF-8 form). */
    private static final Map<String, String> URL_VALUES = Map.of(
            "NUL", "a%00b",
            "over-long", "x".repeat(3_000));

    /** The tenant the requests are made in; a service whose routes need it to exist overrides this. */
    protected UUID tenant() {
        return UUID.randomUUID();
    }

    /**
     * Valid bodies by operation ({@code "POST /messages"}), for routes whose schema alone does not
     * make a body that passes validation (patterns, fields required together): each of their
     * strings is then made hostile in turn, so the hostile value reaches as far as it can.
     */
    protected Map<String, String> validBodies() {
        return Map.of();
    }

    @Test
    void noOperationAnswersAServerErrorToHostileStrings() throws Exception {
        UUID tenant = tenant();
        JsonNode spec = JSON.readTree(Management.request().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String valid = validBodies().get(op.getKey().toUpperCase() + " " + path.getKey());
                for (Variant variant : variants(spec, path.getKey(), op.getValue(), tenant, valid)) {
                    for (Caller caller : Caller.values()) {
                        requests++;
                        int status = send(caller, tenant, op.getKey(), variant);
                        if (status >= 500) {
                            failures.add(status + " for " + op.getKey().toUpperCase() + " " + path.getKey() + " as "
                                    + caller + " with " + variant.description());
                        }
                    }
                }
            }
        }
        Assertions.assertThat(requests).as("requests made").isPositive();
        Assertions.assertThat(failures).as("server errors among %d hostile requests", requests).isEmpty();
    }

    /** One request: a path and query, maybe a body, and what is hostile about it. */
    private record Variant(String path, Map<String, String> query, String body, String description) {
    }

    private enum Caller { OWNER, SERVICE, PLATFORM_ADMIN }

    private static int send(Caller caller, UUID tenant, String method, Variant variant) {
        String token = switch (caller) {
            case OWNER -> TestTokens.staff("owner", tenant);
            case SERVICE -> TestTokens.service("conversation-service");
            case PLATFORM_ADMIN -> TestTokens.platformAdmin();
        };
        RequestSpecification request = given().urlEncodingEnabled(false).auth().oauth2(token)
                .header("X-Client-ID", tenant.toString()).accept("application/json, application/problem+json, */*");
        variant.query().forEach(request::queryParam);
        if (variant.body() != null) {
            request.contentType("application/json").body(variant.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return request.request(method.toUpperCase(), variant.path()).statusCode();
    }

    private static List<Variant> variants(JsonNode spec, String template, JsonNode op, UUID tenant, String valid)
            throws Exception {
        List<Variant> variants = new ArrayList<>();
        List<String> stringParams = new ArrayList<>();
        Map<String, String> query = new java.util.LinkedHashMap<>();
        List<String> queryStrings = new ArrayList<>();
        for (JsonNode parameter : op.path("parameters")) {
            JsonNode schema = resolve(spec, parameter.path("schema"));
            String name = parameter.path("name").asText();
            boolean text = "string".equals(schema.path("type").asText()) && !schema.has("format")
                    && !schema.has("enum");
            if ("path".equals(parameter.path("in").asText()) && text) {
                stringParams.add(name);
            }
            if ("query".equals(parameter.path("in").asText()) && text) {
                queryStrings.add(name);
            }
        }
        String path = fill(template, tenant, null, null);
        JsonNode bodySchema = resolve(spec, op.path("requestBody").path("content").path("application/json").path("schema"));
        JsonNode sample = valid != null ? JSON.readTree(valid)
                : bodySchema.isMissingNode() ? null : sample(spec, bodySchema, 0);
        String plainBody = sample == null ? null : write(sample);
        for (String param : stringParams) {
            URL_VALUES.forEach((kind, value) -> variants.add(new Variant(fill(template, tenant, param, value), query,
                    plainBody, kind + " in path parameter " + param)));
        }
        for (String param : queryStrings) {
            URL_VALUES.forEach((kind, value) -> variants.add(new Variant(path, Map.of(param, value), plainBody,
                    kind + " in query parameter " + param)));
        }
        if (sample != null) {
            List<List<Object>> leaves = new ArrayList<>();
            stringLeaves(sample, new ArrayList<>(), leaves);
            for (List<Object> leaf : leaves) {
                JsonNode marked = mark(sample.deepCopy(), leaf);
                String text = write(marked);
                BODY_VALUES.forEach((kind, value) -> variants.add(new Variant(path, query,
                        text.replace("\"" + MARK + "\"", value), kind + " in body field " + leaf)));
            }
            if (sample.isObject()) {
                // an unstorable key, for maps of texts
                variants.add(new Variant(path, query, "{\"a\\u0000b\":\"x\"}", "NUL in a body key"));
            }
        }
        return variants;
    }

    private static String fill(String template, UUID tenant, String hostileParam, String hostileValue) {
        StringBuilder path = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        int end = 0;
        while (m.find()) {
            path.append(template, end, m.start());
            String name = m.group(1);
            path.append(name.equals(hostileParam) ? hostileValue
                    : name.equals("clienteId") ? tenant.toString() : name.toLowerCase().endsWith("id")
                            ? UUID.randomUUID().toString() : "1");
            end = m.end();
        }
        return path.append(template.substring(end)).toString();
    }

    /** A plausible value for a schema: examples, enums and formats honoured; strings "x". */
    private static JsonNode sample(JsonNode spec, JsonNode schema, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        schema = resolve(spec, schema);
        if (schema.has("example") && !schema.path("example").isObject() && !schema.path("example").isArray()) {
            return schema.path("example");
        }
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode object = f.objectNode();
                if (depth < 4) {
                    schema.path("properties").fields().forEachRemaining(p ->
                            object.set(p.getKey(), sample(spec, p.getValue(), depth + 1)));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = f.arrayNode();
                if (depth < 4) {
                    array.add(sample(spec, schema.path("items"), depth + 1));
                }
                return array;
            }
            case "integer", "number" -> {
                return f.numberNode(schema.has("minimum") ? schema.path("minimum").asInt() : 1);
            }
            case "boolean" -> {
                return f.booleanNode(true);
            }
            default -> {
                String format = schema.path("format").asText();
                return f.textNode(switch (format) {
                    case "uuid" -> UUID.randomUUID().toString();
                    case "email" -> "someone@example.com";
                    case "date-time" -> "2026-12-01T00:00:00Z";
                    case "uri", "url" -> "https://example.com/";
                    default -> "x";
                });
            }
        }
    }

    private static JsonNode resolve(JsonNode spec, JsonNode schema) {
        for (int i = 0; i < 10 && schema.has("$ref"); i++) {
            String ref = schema.path("$ref").asText();
            schema = spec.at(ref.substring(1));
        }
        if (schema.has("allOf") && schema.path("allOf").size() == 1) {
            return resolve(spec, schema.path("allOf").get(0));
        }
        return schema;
    }

    /** The path (field names and indexes) of every string leaf. */
    private static void stringLeaves(JsonNode node, List<Object> at, List<List<Object>> leaves) {
        if (node.isTextual()) {
            leaves.add(List.copyOf(at));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                List<Object> next = new ArrayList<>(at);
                next.add(field.getKey());
                stringLeaves(field.getValue(), next, leaves);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> next = new ArrayList<>(at);
                next.add(i);
                stringLeaves(node.get(i), next, leaves);
            }
        }
    }

    private static JsonNode mark(JsonNode root, List<Object> leaf) {
        if (leaf.isEmpty()) {
            return JsonNodeFactory.instance.textNode(MARK);
        }
        JsonNode parent = root;
        for (int i = 0; i < leaf.size() - 1; i++) {
            Object step = leaf.get(i);
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = leaf.get(leaf.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, JsonNodeFactory.instance.textNode(MARK));
        } else {
            ((ObjectNode) parent).put((String) last, MARK);
        }
        return root;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
