package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The agent inbox's template picker: the tenant's approved templates an agent can fill and send. */
@QuarkusTest
class AgentTemplatesTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Test
    void agentsSeeTheApprovedTemplatesTheyCanFillOnlyOfTheirTenant() {
        UUID tenant = UUID.randomUUID();
        Webhooks.tenantService(wiremock);
        String path = "/integrations/clientes/" + tenant + "/templates";
        wiremock.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("""
                {"items":[
                  {"name":"seguimiento","language":"es","category":"UTILITY","status":"APPROVED","phone_number_id":"1",
                   "components":[{"type":"BODY","text":"Hola {{1}}, ¿pudiste resolver tu consulta?"}],
                   "body_variables":1,"header_variables":0},
                  {"name":"oferta_con_titulo","language":"es","category":"MARKETING","status":"APPROVED","phone_number_id":"1",
                   "components":[{"type":"HEADER","format":"TEXT","text":"Para {{1}}"},{"type":"BODY","text":"Hoy 20%"}],
                   "body_variables":0,"header_variables":1},
                  {"name":"oferta_foto","language":"es","category":"MARKETING","status":"APPROVED","phone_number_id":"1",
                   "components":[{"type":"HEADER","format":"IMAGE"},{"type":"BODY","text":"Hola {{1}}, mira esto"}],
                   "body_variables":1,"header_variables":0,"header_media":"IMAGE"}],
                 "page":0,"size":100,"total":3}""")));

        given().auth().oauth2(TestTokens.staff("agent", tenant)).get("/clientes/" + tenant + "/conversations/templates")
                .then().statusCode(200)
                .body("name", contains("seguimiento", "oferta_foto"))
                .body("[0].body", equalTo("Hola {{1}}, ¿pudiste resolver tu consulta?"))
                .body("[0].header_media", org.hamcrest.Matchers.nullValue())
                .body("[1].header_media", equalTo("IMAGE"))
                .body("[0].parameters", equalTo(1)).body("[0].language", equalTo("es"));
        wiremock.verify(getRequestedFor(urlPathEqualTo(path)).withQueryParam("status",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("APPROVED")).withHeader("X-Client-ID",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(tenant.toString())));

        for (String token : List.of(TestTokens.staff("agent", UUID.randomUUID()), TestTokens.platformAdmin())) {
            given().auth().oauth2(token).get("/clientes/" + tenant + "/conversations/templates").then().statusCode(403);
        }
        wiremock.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503)));
        given().auth().oauth2(TestTokens.staff("owner", tenant)).get("/clientes/" + tenant + "/conversations/templates")
                .then().statusCode(503).contentType("application/problem+json");
    }
}
