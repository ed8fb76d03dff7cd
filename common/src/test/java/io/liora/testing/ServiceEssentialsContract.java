package io.liora.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

/**
 * What every Liora service answers besides its own routes: on the management port, health
 * (readiness includes its database), OpenAPI 3.0.3 and Prometheus metrics; Swagger UI in tests
 * (and dev) only; and problem+json for routes that do not exist. A service's test extends it and adds {@code @QuarkusTest}.
 */
public abstract class ServiceEssentialsContract {

    @Test
    void isLive() {
        Management.request().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void isReadyOnlyWithItsDatabase() throws InterruptedException {
        // a replica may take its first seconds to become ready (catalog-service rehearses a publish
        // first); a probe asks again, and so does this test, for at most 30 s
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (Management.request().when().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Management.request().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
    }

    @Test
    void publishesOpenApi303() {
        Management.request().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("openapi", equalTo("3.0.3"));
    }

    @Test
    void documentsEveryOperationWithAnIdAndProblemAnswers() {
        io.restassured.path.json.JsonPath spec = Management.request().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        java.util.Map<String, java.util.Map<String, java.util.Map<String, Object>>> paths = spec.getMap("paths");
        org.assertj.core.api.SoftAssertions softly = new org.assertj.core.api.SoftAssertions();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            softly.assertThat(operation.get("operationId")).as("operationId of %s %s", method, path).isNotNull();
            @SuppressWarnings("unchecked")
            java.util.Map<String, java.util.Map<String, Object>> responses =
                    (java.util.Map<String, java.util.Map<String, Object>>) operation.get("responses");
            softly.assertThat(responses.keySet()).as("responses of %s %s", method, path)
                    .anyMatch(code -> code.startsWith("2"));
            responses.forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    softly.assertThat(String.valueOf(response.get("content"))).as("%s of %s %s", code, method, path)
                            .contains("application/problem+json").contains("#/components/schemas/Problem");
                }
            });
        }));
        softly.assertAll();
    }

    @Test
    void documentsPropertiesInTheSnakeCaseTheBodiesUse() {
        // generated SDKs read these names; a camelCase schema would silently give them nulls
        java.util.Map<String, java.util.Map<String, Object>> schemas = Management.request().accept("application/json")
                .when().get("/q/openapi").then().statusCode(200).extract().jsonPath()
                .getMap("components.schemas");
        org.assertj.core.api.SoftAssertions softly = new org.assertj.core.api.SoftAssertions();
        schemas.forEach((name, schema) -> {
            Object properties = schema.get("properties");
            if (properties instanceof java.util.Map<?, ?> map) {
                map.keySet().forEach(property -> softly.assertThat(String.valueOf(property))
                        .as("property of schema %s", name).matches("[a-z0-9_]+"));
            }
        });
        // a framework type documented as a body means a parameter lost its @Context
        softly.assertThat(schemas.keySet()).as("schemas").noneMatch(name -> name.startsWith("Http")
                || name.equals("RoutingContext") || name.equals("UriInfo") || name.equals("SecurityContext"));
        softly.assertAll();
    }

    @Test
    void servesSwaggerUi() {
        // test and dev builds only; the production build has none (deploy/local/e2e.py checks it)
        Management.request().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void exposesPrometheusMetrics() {
        Management.request().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    /** What the ingress reaches (the API's port) holds no health, metrics or OpenAPI document. */
    @Test
    void keepsTheManagementSurfaceOffTheApiPort() {
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi"}) {
            given().when().get(path).then().statusCode(404);
        }
        Management.request().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void answersUnknownRoutesWithAProblem() {
        given().when().get("/no/such/route").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:liora:problem:not-found"));
    }
}
