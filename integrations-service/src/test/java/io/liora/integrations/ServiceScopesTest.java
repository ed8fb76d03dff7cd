package io.liora.integrations;

import static io.restassured.RestAssured.given;

import io.liora.common.security.Scopes;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A service token opens only the routes of its scopes: integrations-service's and catalog-service's
 * clients cannot queue a message, report statuses, record an opt-out, shorten a link or classify,
 * and conversation-service's token lacking the one scope a route names is refused there too.
 */
@QuarkusTest
class ServiceScopesTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID CONTACT = UUID.randomUUID();
    /** Each service route, the scope it needs, and a body it would accept. */
    private static final Map<String, Object[]> ROUTES = Map.of(
            "POST /messages", new Object[] {Scopes.MESSAGES_SEND, Map.of("to", "56911112222",
                    "phone_number_id", "100000000000001", "type", "text", "text", Map.of("body", "hola"),
                    "idempotency_key", "scopes-1")},
            "POST /messages/read", new Object[] {Scopes.MESSAGES_SEND, Map.of("phone_number_id", "100000000000001",
                    "message_id", "wamid.x")},
            "POST /internal/statuses", new Object[] {Scopes.STATUSES_WRITE, Map.of("statuses", java.util.List.of())},
            "PUT /internal/contacts/" + CONTACT + "/opt-out", new Object[] {Scopes.CONTACTS_OPT_OUT,
                    Map.of("phone", "56911112222")},
            "POST /links/shorten", new Object[] {Scopes.LINKS_SHORTEN, Map.of("url", "https://tienda.example.com/p/1")},
            "POST /nlp/classify", new Object[] {Scopes.NLP_CLASSIFY, Map.of("text", "hola")},
            "POST /internal/templates/events", new Object[] {Scopes.TEMPLATE_EVENTS_WRITE,
                    Map.of("events", java.util.List.of())});

    @Test
    void otherServicesClientsAreRefusedEveryRoute() {
        for (String client : new String[] {"integrations-service", "catalog-service"}) {
            String token = TestTokens.service(client);
            ROUTES.forEach((route, spec) -> call(token, route, spec[1]).then().statusCode(403)
                    .contentType("application/problem+json"));
        }
    }

    @Test
    void eachRouteNeedsItsOwnScope() {
        Set<String> all = Scopes.OF_CLIENT.get("conversation-service");
        ROUTES.forEach((route, spec) -> {
            Set<String> others = new HashSet<>(all);
            others.remove((String) spec[0]);
            call(TestTokens.service("conversation-service", others), route, spec[1]).then().statusCode(403);
        });
    }

    private static io.restassured.response.Response call(String token, String route, Object body) {
        String[] parts = route.split(" ", 2);
        return given().auth().oauth2(token).header("X-Client-ID", TENANT.toString()).contentType(ContentType.JSON)
                .body(body).request(parts[0], parts[1]);
    }
}
