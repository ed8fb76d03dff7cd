package io.liora.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every kind of bad request gets a problem+json answer, never a stack trace. */
@QuarkusTest
class ProblemAnswersTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void validationErrorsNameEveryField() {
        given().contentType("application/json").body("{\"email\":\"nope\",\"seats\":0,\"tags\":[\"\"]}")
                .when().post("/probe/signup")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:liora:problem:validation"))
                .body("errors.field", hasItems("email", "seats", "tags[0]"));
    }

    @Test
    void invalidQueryParameterIsNamed() {
        given().when().get("/probe/page?limit=500").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void aNulOrALoneSurrogateInABodyIsABadRequestNamingTheField() {
        for (String hostile : new String[] {"a\\u0000b", "a\\ud800b"}) {
            given().contentType("application/json").body("{\"email\":\"" + hostile + "@b.cl\",\"seats\":1}")
                    .when().post("/probe/signup")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("email"))
                    .body("errors[0].message", containsString("cannot be stored"));
        }
    }

    @Test
    void aNulInAPathOrQueryParameterIsABadRequest() {
        given().urlEncodingEnabled(false).when().get("/probe/page?limit=a%00b")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
        given().urlEncodingEnabled(false).when().get("/probe/a%00b")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void malformedJsonIsABadRequest() {
        given().contentType("application/json").body("{\"email\": ").when().post("/probe/signup")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:liora:problem:malformed-body"))
                .body(not(containsString("at io.")));
    }

    @Test
    void wrongTypeNamesTheField() {
        given().contentType("application/json").body("{\"email\":\"a@b.cl\",\"seats\":\"many\"}")
                .when().post("/probe/signup")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("seats"))
                .body("errors[0].pointer", equalTo("/seats"));
    }

    @Test
    void missingBodyIsABadRequest() {
        given().contentType("application/json").when().post("/probe/signup")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void unknownRouteIsNotFound() {
        given().when().get("/nowhere/at/all").then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:liora:problem:not-found"));
    }

    @Test
    void wrongMethodIsNotAllowed() {
        given().when().delete("/probe/open").then().statusCode(405).contentType(PROBLEM)
                .body("type", equalTo("urn:liora:problem:method-not-allowed"));
    }

    @Test
    void unsupportedMediaTypeIsRefused() {
        given().contentType("text/plain").body("hello").when().post("/probe/signup")
                .then().statusCode(415).contentType(PROBLEM)
                .body("type", equalTo("urn:liora:problem:unsupported-media-type"));
    }

    @Test
    void oversizeBodyIsRefused() {
        String big = "{\"email\":\"" + "x".repeat(70 * 1024) + "\"}";
        given().contentType("application/json").body(big).when().post("/probe/signup")
                .then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("urn:liora:problem:payload-too-large"));
    }

    @Test
    void healthAndOpenRoutesStillWork() {
        given().when().get("/probe/open").then().statusCode(200).body("ok", equalTo("true"));
    }
}
