package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.conversation.processing.InboxProcessor;
import io.quarkus.vertx.VertxContextSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One tenant's number on WireMock'd neighbours (tenant-service, catalog-service with a two-product
 * catalog, integrations-service accepting every message), and the replies the bot queued.
 */
final class FlowSupport {

    final WireMockServer wiremock;
    final InboxProcessor processor;
    final UUID tenant = UUID.randomUUID();
    final String number = Webhooks.newNumber();

    FlowSupport(WireMockServer wiremock, InboxProcessor processor) {
        this.wiremock = wiremock;
        this.processor = processor;
    }

    /** Leaves nothing of earlier tests pending, then stubs the neighbours afresh. */
    FlowSupport start(String policy) throws Throwable {
        round();
        wiremock.resetAll();
        Webhooks.tenantService(wiremock);
        Webhooks.number(wiremock, number, tenant, "activo", policy);
        QueuedReplies.accept(wiremock);
        wiremock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/integrations/internal/contacts/.*/opt-out"))
                .willReturn(aResponse().withStatus(204)));
        wiremock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/integrations/internal/contacts/.*/opt-out"))
                .willReturn(aResponse().withStatus(204)));
        wiremock.stubFor(post("/integrations/nlp/classify").willReturn(okJson(
                "{\"intent\":\"none\",\"confidence\":0,\"source\":\"disabled\"}")));
        wiremock.stubFor(post("/integrations/internal/statuses").willReturn(okJson("{\"applied\":1,\"ignored\":0}")));
        wiremock.stubFor(get("/catalog/clientes/" + tenant + "/catalog/active").willReturn(okJson(
                "{\"version\":1,\"checksum\":\"" + "0".repeat(64) + "\",\"item_count\":2,\"active\":true,\"items\":["
                        + "{\"sku\":\"CAF-001\",\"nombre\":\"Café de grano tostado en casa 1kg\","
                        + "\"descripcion\":\"Tueste medio, origen Colombia\",\"precio\":12990,\"moneda\":\"CLP\","
                        + "\"url\":\"https://tienda.example.com/p/caf-001\",\"categoria\":\"Despensa\"},"
                        + "{\"sku\":\"ZAP-001\",\"nombre\":\"Zapatillas running\",\"precio\":59990,\"moneda\":\"CLP\","
                        + "\"url\":\"https://tienda.example.com/p/zap-001\",\"categoria\":\"Deportes\"}]}")
                .withHeader("ETag", "\"v1\"")));
        wiremock.stubFor(get("/catalog/clientes/" + tenant + "/catalog/active").withHeader("If-None-Match",
                equalTo("\"v1\"")).willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));
        wiremock.stubFor(post("/integrations/links/shorten").willReturn(okJson(
                "{\"long_url\":\"https://tienda.example.com/p/caf-001?utm_source=whatsapp\",\"link\":\"https://bit.ly/3cAf\","
                        + "\"shortened\":true,\"reason\":\"created\"}")));
        return this;
    }

    /** Delivers one change's messages (JSON objects) with its contacts, and answers what is pending. */
    void deliver(String contacts, String messages) throws Throwable {
        Webhooks.deliver(Webhooks.body(number, contacts, messages, "")).then().statusCode(200);
        round();
    }

    /** A text from the contact (with the profile name Meta sends); answers its wamid. */
    String say(String contact, String name, String text) throws Throwable {
        String wamid = Webhooks.wamid();
        deliver(Webhooks.contact(contact, name), Webhooks.text(wamid, contact, Webhooks.now(), text));
        return wamid;
    }

    /** The contact picks a row of a list. */
    void tap(String contact, String id, String title) throws Throwable {
        deliver("", Webhooks.listReply(Webhooks.wamid(), contact, Webhooks.now(), id, title));
    }

    /** The one message the bot queued since the requests were last reset. */
    JsonNode onlyReply() {
        List<JsonNode> replies = replies();
        org.assertj.core.api.Assertions.assertThat(replies).hasSize(1);
        return replies.get(0);
    }

    void round() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> processor.round());
    }

    /** Every message the bot (or a person) queued at integrations-service, oldest first. */
    List<JsonNode> replies() {
        return QueuedReplies.all(wiremock);
    }

    /** The text of a reply: a text's body or an interactive message's body. */
    static String textOf(JsonNode reply) {
        return reply.has("text") ? reply.path("text").path("body").asText()
                : reply.path("interactive").path("body").path("text").asText();
    }

    static List<String> rowIds(JsonNode reply) {
        List<String> ids = new ArrayList<>();
        reply.path("interactive").path("action").path("sections").forEach(section ->
                section.path("rows").forEach(row -> ids.add(row.path("id").asText())));
        return ids;
    }
}
