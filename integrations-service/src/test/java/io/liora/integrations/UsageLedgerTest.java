package io.liora.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.liora.testing.Management;
import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The usage ledger: Meta's pricing of each message, as its statuses report it, kept with the
 * message once (whatever the repeats) and counted per day, category and number.
 */
@QuarkusTest
class UsageLedgerTest extends OutboxTestSupport {

    /** 2026-11-30T12:00:00Z and 2026-12-01T12:00:00Z. */
    private static final long NOV_30 = 1_796_040_000L;
    private static final long DEC_1 = 1_796_126_400L;

    @Test
    void theLedgerCountsWhatMetaPricedOncePerMessage() throws Throwable {
        String otherNumber = String.valueOf(Long.parseLong(number) + 1);
        sendAs("u-marketing", number, "wamid.usage-marketing");
        sendAs("u-service", number, "wamid.usage-service");
        sendAs("u-utility", number, "wamid.usage-utility");
        sendAs("u-second-number", otherNumber, "wamid.usage-second");

        Map<String, Object> marketing = Map.of("pricing_model", "PMP", "category", "marketing", "type", "regular");
        statuses(List.of(
                priced("wamid.usage-marketing", "sent", NOV_30, marketing),
                priced("wamid.usage-marketing", "delivered", NOV_30 + 5, marketing),
                priced("wamid.usage-service", "delivered", NOV_30, Map.of("pricing_model", "PMP",
                        "category", "service", "type", "free_customer_service")),
                // an older payload: no type, billable says it
                priced("wamid.usage-utility", "sent", DEC_1, Map.of("billable", true, "pricing_model", "CBP",
                        "category", "utility")),
                priced("wamid.usage-second", "delivered", DEC_1, marketing),
                priced("wamid.usage-unknown", "delivered", DEC_1, marketing)))
                // moved: marketing (to delivered), service and the second number's; utility was sent already
                .then().statusCode(200).body("applied", equalTo(3)).body("ignored", equalTo(3));
        // Meta delivers again, and reads carry the pricing again: nothing is counted twice
        statuses(List.of(priced("wamid.usage-marketing", "delivered", NOV_30 + 5, marketing),
                priced("wamid.usage-marketing", "read", DEC_1, marketing)))
                .then().statusCode(200).body("applied", equalTo(1));
        assertThat(TestDb.query(tenant, "select status, pricing_billable, pricing_model, pricing_category, pricing_type,"
                + " priced_at = to_timestamp(?) as first_pricing_kept from outbound_messages where wamid = ?", NOV_30,
                "wamid.usage-marketing").get(0))
                .containsEntry("status", "read").containsEntry("pricing_billable", true)
                .containsEntry("pricing_model", "PMP").containsEntry("pricing_category", "marketing")
                .containsEntry("pricing_type", "regular").containsEntry("first_pricing_kept", true);

        usage("from=2026-11-30&to=2026-12-01").body("billable", equalTo(3)).body("free", equalTo(1))
                .body("group_by", equalTo("day"))
                .body("rows.key", equalTo(List.of("2026-11-30", "2026-12-01")))
                .body("rows.billable", equalTo(List.of(1, 2))).body("rows.free", equalTo(List.of(1, 0)));
        usage("from=2026-11-30&to=2026-12-01&group_by=category")
                .body("rows.key", equalTo(List.of("marketing", "service", "utility")))
                .body("rows.billable", equalTo(List.of(2, 0, 1))).body("rows.free", equalTo(List.of(0, 1, 0)));
        usage("from=2026-11-30&to=2026-12-01&group_by=number")
                .body("rows.key", equalTo(List.of(number, otherNumber)))
                .body("rows.billable", equalTo(List.of(2, 1))).body("rows.free", equalTo(List.of(1, 0)));
        // one day only; and a range with nothing in it is an empty report, not an error
        usage("from=2026-12-01&to=2026-12-01").body("billable", equalTo(2)).body("free", equalTo(0));
        usage("from=2026-10-01&to=2026-10-31").body("billable", equalTo(0)).body("rows", equalTo(List.of()));

        given().auth().oauth2(TestTokens.staff("owner", tenant))
                .get("/clientes/" + tenant + "/usage?from=2026-11-30&to=2026-12-01&group_by=category&format=csv")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .body(equalTo("category,billable,free\nmarketing,2,0\nservice,0,1\nutility,1,0\n"));

        Management.request().get("/q/metrics").then().statusCode(200)
                .body(containsString("liora_whatsapp_priced_messages_total{billable=\"true\",category=\"marketing\","
                        + "tenant=\"" + tenant + "\"} 2.0"))
                .body(containsString("liora_whatsapp_priced_messages_total{billable=\"false\",category=\"service\","
                        + "tenant=\"" + tenant + "\"} 1.0"));
    }

    @Test
    void usageIsTheTenantsOwnAndForOwnersAndAdmins() throws Throwable {
        sendAs("u-own", number, "wamid.usage-own");
        statuses(List.of(priced("wamid.usage-own", "delivered", DEC_1, Map.of("category", "marketing",
                "type", "regular")))).then().statusCode(200);
        given().auth().oauth2(TestTokens.staff("admin", tenant)).get("/clientes/" + tenant + "/usage?from=2026-12-01")
                .then().statusCode(200).body("billable", equalTo(1));
        given().auth().oauth2(TestTokens.platformAdmin()).header("X-Client-ID", tenant.toString())
                .get("/clientes/" + tenant + "/usage?from=2026-12-01").then().statusCode(200).body("billable", equalTo(1));
        given().auth().oauth2(TestTokens.staff("agent", tenant)).get("/clientes/" + tenant + "/usage")
                .then().statusCode(403);
        UUID other = UUID.randomUUID();
        given().auth().oauth2(TestTokens.staff("owner", other)).get("/clientes/" + tenant + "/usage")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.staff("owner", other)).get("/clientes/" + other + "/usage?from=2026-12-01")
                .then().statusCode(200).body("billable", equalTo(0));
        // another tenant's statuses do not price this tenant's message
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", other.toString())
                .contentType("application/json").body(Map.of("statuses", List.of(priced("wamid.usage-own", "read",
                        DEC_1, Map.of("category", "utility", "type", "regular")))))
                .post("/internal/statuses").then().statusCode(200).body("applied", equalTo(0));
        assertThat(TestDb.query(tenant, "select status, pricing_category from outbound_messages where wamid = ?",
                "wamid.usage-own").get(0)).containsEntry("status", "delivered")
                .containsEntry("pricing_category", "marketing");
    }

    @Test
    void badRangesAreProblems() {
        Map<String, String> fieldOf = Map.of("from=2026-13-01", "from", "to=yesterday", "to",
                "from=2026-12-02&to=2026-12-01", "from", "from=2025-01-01&to=2026-12-01", "to",
                "group_by=week", "group_by", "format=xml", "format");
        fieldOf.forEach((query, field) -> given().auth().oauth2(TestTokens.staff("owner", tenant))
                .get("/clientes/" + tenant + "/usage?" + query)
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem(field)));
    }

    @Test
    void pricingThatDoesNotFitIsCutNotRefused() throws Throwable {
        sendAs("u-long", number, "wamid.usage-long");
        statuses(List.of(priced("wamid.usage-long", "delivered", DEC_1, Map.of("category", "c".repeat(300),
                "type", "regular", "pricing_model", "m".repeat(300))))).then().statusCode(200)
                .body("applied", equalTo(1));
        assertThat(TestDb.query(tenant, "select length(pricing_category) as category, length(pricing_model) as model"
                + " from outbound_messages where wamid = ?", "wamid.usage-long").get(0))
                .containsEntry("category", 40).containsEntry("model", 20);
    }

    private void sendAs(String key, String phoneNumberId, String wamid) throws Throwable {
        graphAnswers(okJson(sent(wamid)));
        Map<String, Object> body = new HashMap<>(text(key, "hola"));
        body.put("phone_number_id", phoneNumberId);
        String id = send(body).then().statusCode(202).extract().path("id");
        awaitStatus(id, "sent");
    }

    private static Map<String, Object> priced(String wamid, String status, long at, Map<String, Object> pricing) {
        return Map.of("id", wamid, "status", status, "timestamp", String.valueOf(at), "pricing", pricing);
    }

    private ValidatableResponse usage(String query) {
        return given().auth().oauth2(TestTokens.staff("owner", tenant)).get("/clientes/" + tenant + "/usage?" + query)
                .then().statusCode(200).contentType(containsString("application/json"));
    }
}
