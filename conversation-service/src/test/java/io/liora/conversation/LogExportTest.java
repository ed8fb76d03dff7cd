package io.liora.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The conversation log export: filters, keyset pages, CSV that spreadsheets cannot be tricked by. */
@QuarkusTest
class LogExportTest {

    private UUID tenant;

    @BeforeEach
    void seed() throws Exception {
        tenant = UUID.randomUUID();
        log("56911111111", "in", "hola", "menu", 120, 0);
        log("56911111111", "out", "¡Hola! ¿En qué te ayudo?", "menu", null, 1);
        log("56922222222", "in", "=HYPERLINK(\"http://evil\",\"clic\")", "none", 80, 2);
        log("56922222222", "in", "+56 9 1234, \"urgente\"\nsegunda línea", "none", 200, 3);
        log("56922222222", "in", "-1 @todos", "catalogo.categorias", 40, 4);
        TestDb.update(tenant, "insert into convo_state (id, cliente_id, contact_id, msisdn, needs_human)"
                + " select gen_random_uuid(), cliente_id, id, phone, true from contacts where phone = '56922222222'");
    }

    @Test
    void jsonLinesInOrderWithFilters() {
        List<String> lines = lines(export("").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/x-ndjson")).extract().asString());
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).contains("\"text\":\"hola\"").contains("\"needs_human\":false");
        assertThat(lines.get(2)).contains("\"needs_human\":true");
        assertThat(lines(export("?direction=out").asString())).hasSize(1);
        assertThat(lines(export("?msisdn=56922222222&intent=none").asString())).hasSize(2);
        assertThat(lines(export("?from=2100-01-01T00:00:00Z").asString())).isEmpty();
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        Response first = export("?limit=2");
        String cursor = first.header("X-Next-Cursor");
        assertThat(cursor).isNotBlank();
        Response second = export("?limit=2&cursor=" + cursor);
        Response third = export("?limit=2&cursor=" + second.header("X-Next-Cursor"));
        assertThat(third.header("X-Next-Cursor")).isNull();
        List<String> all = new ArrayList<>();
        all.addAll(lines(first.asString()));
        all.addAll(lines(second.asString()));
        all.addAll(lines(third.asString()));
        assertThat(all).hasSize(5).doesNotHaveDuplicates();
        assertThat(lines(export("").asString())).containsExactlyElementsOf(all);
    }

    @Test
    void csvFollowsRfc4180AndNeutralisesFormulas() {
        String csv = export("?format=csv").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        assertThat(csv).startsWith("created_at,contact_id,msisdn,bsuid,username,direction,message_type,text,intent,");
        assertThat(csv).contains("\r\n");
        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"clic\"\")\",");
        assertThat(csv).contains(",\"'+56 9 1234, \"\"urgente\"\"\nsegunda línea\",");
        assertThat(csv).contains(",'-1 @todos,");
        assertThat(csv).doesNotContain(",=HYPERLINK").doesNotContain(",+56").doesNotContain(",-1 @");
    }

    @Test
    void largeExportsStreamAcrossChunks() throws Exception {
        TestDb.update(tenant, "insert into conversation_log (id, cliente_id, msisdn, direction, message_type, text,"
                + " created_at) select gen_random_uuid(), ?, '56933333333', 'in', 'text', 'fila ' || g,"
                + " now() + make_interval(secs => g) from generate_series(1, 1200) g", tenant);
        Response page = export("?limit=1100&msisdn=56933333333");
        assertThat(lines(page.asString())).hasSize(1100);
        assertThat(page.header("X-Next-Cursor")).isNotBlank();
        assertThat(lines(export("?limit=1100&msisdn=56933333333&cursor=" + page.header("X-Next-Cursor")).asString()))
                .hasSize(100);
    }

    @Test
    void metricsSummariseTheConversation() {
        as(TestTokens.staff("admin", tenant))
                .get("/clientes/" + tenant + "/metrics?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z").then().statusCode(200)
                .body("messages_in", equalTo(4)).body("messages_out", equalTo(1))
                .body("per_intent.none", equalTo(2)).body("no_match_rate", equalTo(0.5f))
                .body("latency_ms_p50", equalTo(100.0f)).body("latency_ms_p95", equalTo(188.0f));
    }

    @Test
    void anotherTenantsLogIsOutOfReach() {
        UUID other = UUID.randomUUID();
        as(TestTokens.staff("owner", other)).get("/clientes/" + tenant + "/logs").then().statusCode(403);
        as(TestTokens.staff("owner", other)).get("/clientes/" + tenant + "/metrics").then().statusCode(403);
        as(TestTokens.staff("owner", tenant)).header("X-Client-ID", other.toString()).get("/clientes/" + tenant + "/logs")
                .then().statusCode(403);
        assertThat(lines(as(TestTokens.staff("owner", other)).get("/clientes/" + other + "/logs").asString())).isEmpty();
        as(TestTokens.service("integrations-service")).header("X-Client-ID", tenant.toString())
                .get("/clientes/" + tenant + "/logs").then().statusCode(403);
    }

    @Test
    void badParametersAreNamed() {
        export("?cursor=not-a-cursor").then().statusCode(400).body("errors.field", hasItem("cursor"));
        export("?from=ayer").then().statusCode(400).body("errors.field", hasItem("from"));
        export("?format=xlsx").then().statusCode(400).body("errors.field", hasItem("format"));
        export("?limit=0").then().statusCode(400).body("errors.field", hasItem("limit"));
    }

    private Response export(String query) {
        return as(TestTokens.staff("agent", tenant)).get("/clientes/" + tenant + "/logs" + query);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private void log(String msisdn, String direction, String text, String intent, Integer latency, int second)
            throws Exception {
        TestDb.update(tenant, "insert into contacts (id, cliente_id, phone) values (gen_random_uuid(), ?, ?)"
                + " on conflict do nothing", tenant, msisdn);
        TestDb.update(tenant, "insert into conversation_log (id, cliente_id, contact_id, msisdn, direction, message_type,"
                + " text, intent, latency_ms, created_at) values (gen_random_uuid(), ?,"
                + " (select id from contacts where phone = '" + msisdn + "'), ?, ?, 'text', ?, ?, ?,"
                + " timestamptz '2026-11-01T10:00:00Z' + make_interval(secs => ?))",
                tenant, msisdn, direction, text, intent, latency, second);
    }

    private static List<String> lines(String body) {
        // JSON escapes line breaks inside values, so every line is one row
        return body.lines().filter(line -> !line.isBlank()).toList();
    }
}
