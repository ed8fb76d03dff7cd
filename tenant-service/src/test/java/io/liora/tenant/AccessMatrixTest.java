package io.liora.tenant;

import static io.restassured.RestAssured.given;

import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every route of tenant-service, called by every kind of caller: the status each must get.
 * Columns: no token, owner, admin, agent, another tenant's owner, platform admin, and the two
 * services that call tenant-service, each with its own scopes: conversation-service (finds a
 * number's owner) and integrations-service (reads and flags a number's credentials).
 */
@QuarkusTest
class AccessMatrixTest {

    private enum Who { NONE, OWNER, ADMIN, AGENT, OTHER_OWNER, PLATFORM_ADMIN, CONVERSATION, INTEGRATIONS }

    private record Route(String method, Supplier<String> path, Supplier<Object> body, int... expected) {
    }

    private UUID tenant;
    private UUID agent;
    private UUID waba;
    private String number;

    @BeforeEach
    void fixtures() {
        tenant = Fixtures.tenant();
        Fixtures.user(tenant, "owner", Fixtures.email());
        agent = Fixtures.user(tenant, "agent", Fixtures.email());
        number = Fixtures.phoneNumberId();
        waba = Fixtures.waba(tenant, number, "EAAG-matrix-token-00000000");
    }

    @Test
    void everyRouteAnswersEveryCallerAsItShould() {
        Supplier<Object> none = () -> null;
        List<Route> routes = List.of(
                new Route("POST", () -> "/clientes", () -> Map.of("slug", "m-" + shortId(), "nombre", "M"),
                        401, 403, 403, 403, 403, 201, 403, 403),
                new Route("GET", () -> "/clientes", none, 401, 403, 403, 403, 403, 200, 403, 403),
                new Route("GET", () -> "/clientes/" + tenant, none, 401, 200, 200, 403, 403, 200, 403, 403),
                new Route("PATCH", () -> "/clientes/" + tenant, () -> Map.of("plan", "pro"),
                        401, 403, 403, 403, 403, 200, 403, 403),
                new Route("GET", () -> "/clientes/" + tenant + "/policy", none, 401, 200, 200, 403, 403, 200, 403, 403),
                new Route("PUT", () -> "/clientes/" + tenant + "/policy", () -> Map.of("reply_rate_per_minute", 60),
                        401, 200, 200, 403, 403, 200, 403, 403),
                new Route("POST", () -> "/clientes/" + tenant + "/usuarios", () -> Map.of("email", Fixtures.email(),
                        "rol", "agent", "password", Fixtures.PASSWORD), 401, 201, 201, 403, 403, 201, 403, 403),
                new Route("GET", () -> "/clientes/" + tenant + "/usuarios", none, 401, 200, 200, 403, 403, 200, 403, 403),
                new Route("GET", () -> "/clientes/" + tenant + "/usuarios/" + agent, none,
                        401, 200, 200, 403, 403, 200, 403, 403),
                new Route("PATCH", () -> "/clientes/" + tenant + "/usuarios/" + agent, () -> Map.of("nombre", "N"),
                        401, 200, 200, 403, 403, 200, 403, 403),
                new Route("DELETE", () -> "/clientes/" + tenant + "/usuarios/"
                        + Fixtures.user(tenant, "agent", Fixtures.email()), none, 401, 204, 204, 403, 403, 204, 403, 403),
                new Route("GET", () -> "/clientes/" + tenant + "/usuarios/" + agent + "/context", none,
                        401, 200, 200, 403, 403, 200, 403, 403),
                new Route("PUT", () -> "/clientes/" + tenant + "/usuarios/" + agent + "/context",
                        () -> Map.of("msisdn", "+56911112222"), 401, 200, 200, 403, 403, 200, 403, 403),
                new Route("POST", () -> "/clientes/" + tenant + "/waba", () -> Map.of("waba_id", "200000000000003",
                        "phone_number_id", Fixtures.phoneNumberId(), "access_token", "EAAG-another-matrix-token"),
                        401, 201, 201, 403, 403, 201, 403, 403),
                new Route("GET", () -> "/clientes/" + tenant + "/waba", none, 401, 200, 200, 403, 403, 200, 403, 403),
                new Route("PATCH", () -> "/clientes/" + tenant + "/waba/" + waba, () -> Map.of("estado", "activo"),
                        401, 200, 200, 403, 403, 200, 403, 403),
                new Route("GET", () -> "/internal/waba/by-phone-number/" + number, none,
                        401, 403, 403, 403, 403, 403, 200, 403),
                new Route("GET", () -> "/internal/clientes/" + tenant + "/waba/" + number + "/credentials", none,
                        401, 403, 403, 403, 403, 403, 403, 200),
                new Route("POST", () -> "/internal/clientes/" + tenant + "/waba/" + number + "/needs-reauth", none,
                        401, 403, 403, 403, 403, 403, 403, 204),
                new Route("POST", () -> "/internal/admin/waba/re-encrypt", none, 401, 403, 403, 403, 403, 200, 403, 403));

        Map<Who, Supplier<String>> tokens = new LinkedHashMap<>();
        tokens.put(Who.NONE, () -> null);
        tokens.put(Who.OWNER, () -> TestTokens.staff("owner", tenant));
        tokens.put(Who.ADMIN, () -> TestTokens.staff("admin", tenant));
        tokens.put(Who.AGENT, () -> TestTokens.staff("agent", tenant));
        tokens.put(Who.OTHER_OWNER, () -> TestTokens.staff("owner", UUID.randomUUID()));
        tokens.put(Who.PLATFORM_ADMIN, TestTokens::platformAdmin);
        tokens.put(Who.CONVERSATION, () -> TestTokens.service("conversation-service"));
        tokens.put(Who.INTEGRATIONS, () -> TestTokens.service("integrations-service"));

        SoftAssertions softly = new SoftAssertions();
        for (Route route : routes) {
            for (Who who : Who.values()) {
                String path = route.path().get();
                Object body = route.body().get();
                RequestSpecification request = given().contentType(ContentType.JSON);
                String token = tokens.get(who).get();
                if (token != null) {
                    request.auth().oauth2(token);
                }
                if (body != null) {
                    request.body(body);
                }
                int status = request.request(route.method(), path).statusCode();
                softly.assertThat(status).as("%s %s as %s", route.method(), path, who)
                        .isEqualTo(route.expected()[who.ordinal()]);
            }
        }
        softly.assertAll();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
