package io.liora.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kind of message is handled on purpose: media, stickers, contact cards and unsupported
 * messages get a short answer the tenant can replace and never count as a no-match; a location in
 * the recycling flow gets the nearest points; reactions and system messages are logged, never
 * answered; media ids are kept with their expiry.
 */
@QuarkusTest
class MessageKindsTest {

    private static final String PHONE = "56912345678";
    private static final String POINTS = "{\"recycling_points\":["
            + "{\"name\":\"Punto Limpio Providencia\",\"address\":\"Av. Los Leones 1500\",\"lat\":-33.4280,\"lon\":-70.6100,"
            + "\"accepts\":\"vidrio, latas\"},"
            + "{\"name\":\"Punto Limpio Santiago Centro\",\"address\":\"Plaza de Armas\",\"lat\":-33.4378,\"lon\":-70.6504},"
            + "{\"name\":\"Punto Limpio Maipú\",\"lat\":-33.5100,\"lon\":-70.7600},"
            + "{\"name\":\"Punto Limpio Viña\",\"lat\":-33.0245,\"lon\":-71.5518}],"
            + "\"texts\":{\"media.sticker\":\"¡Buen sticker! 😄\"}}";

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    @Test
    void mediaAndCardsGetTheirShortAnswerAndNeverCountAsANoMatch() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start(POINTS);
        String[][] kinds = {
            {"image", "{\"id\":\"1234567890\",\"mime_type\":\"image/jpeg\"}", "Gracias por la imagen"},
            {"audio", "{\"id\":\"2234567890\",\"mime_type\":\"audio/ogg\",\"voice\":true}", "audio"},
            {"video", "{\"id\":\"3234567890\",\"mime_type\":\"video/mp4\"}", "video"},
            {"document", "{\"id\":\"4234567890\",\"mime_type\":\"application/pdf\",\"filename\":\"boleta.pdf\"}",
                "documento"},
            {"sticker", "{\"id\":\"5234567890\",\"mime_type\":\"image/webp\"}", "¡Buen sticker! 😄"},
            {"unsupported", "{}", "No pude ver ese mensaje"},
        };
        for (String[] kind : kinds) {
            wiremock.resetRequests();
            String wamid = Webhooks.wamid();
            flow.deliver(Webhooks.contact(PHONE, "Ana"), Webhooks.typed(wamid, PHONE, kind[0], kind[1]));
            List<JsonNode> replies = flow.replies();
            assertThat(replies).as(kind[0]).hasSize(1);
            assertThat(FlowSupport.textOf(replies.get(0))).as(kind[0]).contains(kind[2]);
            assertThat(TestDb.query(flow.tenant, "select intent, skill from conversation_log where wamid = ?", wamid)
                    .get(0)).containsEntry("intent", "media." + kind[0]).containsEntry("skill", "media");
        }
        wiremock.resetRequests();
        String card = Webhooks.wamid();
        flow.deliver("", "{\"from\":\"" + PHONE + "\",\"id\":\"" + card + "\",\"timestamp\":\"" + Webhooks.now()
                + "\",\"type\":\"contacts\",\"contacts\":[{\"name\":{\"formatted_name\":\"Pedro\"},"
                + "\"phones\":[{\"phone\":\"+56 9 8765 4321\"}]}]}");
        assertThat(FlowSupport.textOf(flow.replies().get(0))).contains("contacto");
        assertThat(TestDb.query(flow.tenant, "select nomatch_streak, nomatch_rate from convo_state").get(0))
                .as("none of them was a no-match").containsEntry("nomatch_streak", 0).containsEntry("nomatch_rate", 1.0);
        assertThat(TestDb.query(flow.tenant, "select count(*) as unmatched from conversation_log where intent = 'none'")
                .get(0)).containsEntry("unmatched", 0L);
    }

    @Test
    void mediaIdsAndCaptionsAreKeptWithTheirSevenDayExpiryAndACaptionIsRead() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        String wamid = Webhooks.wamid();
        flow.deliver(Webhooks.contact(PHONE, "Ana"), Webhooks.typed(wamid, PHONE, "image",
                "{\"id\":\"9876543210\",\"mime_type\":\"image/jpeg\",\"caption\":\"vida sana\"}"));
        Map<String, Object> row = TestDb.query(flow.tenant, "select media_id, media_mime_type,"
                + " round(extract(epoch from media_expires_at - sent_at) / 86400) as days,"
                + " message->'image'->>'caption' as caption from inbound_messages where wamid = ?", wamid).get(0);
        assertThat(row).containsEntry("media_id", "9876543210").containsEntry("media_mime_type", "image/jpeg")
                .containsEntry("caption", "vida sana");
        assertThat(((Number) row.get("days")).intValue()).isEqualTo(7);
        // the caption says what the customer wants: the vida sana menu, not the picture's answer
        assertThat(FlowSupport.textOf(flow.replies().get(0))).contains("Vida sana");
    }

    @Test
    void aLocationInTheRecyclingFlowGetsTheNearestPointsFirst() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start(POINTS);
        flow.deliver(Webhooks.contact(PHONE, "Ana"), Webhooks.text(Webhooks.wamid(), PHONE, Webhooks.now(), "reciclaje"));
        assertThat(FlowSupport.textOf(flow.replies().get(0))).contains("Compárteme tu ubicación");
        wiremock.resetRequests();
        flow.deliver("", Webhooks.typed(Webhooks.wamid(), PHONE, "location",
                "{\"latitude\":-33.4372,\"longitude\":-70.6506,\"name\":\"Plaza de Armas\"}"));
        String answer = FlowSupport.textOf(flow.replies().get(0));
        assertThat(answer).contains("1. *Punto Limpio Santiago Centro*", "2. *Punto Limpio Providencia*",
                "3. *Punto Limpio Maipú*", "Recibe: vidrio, latas").doesNotContain("Viña");
        assertThat(answer).as("metres nearby, kilometres with a decimal comma").contains("(69 m)", "(3,9 km)");

        // outside the flow a location is thanked, not answered with points
        wiremock.resetRequests();
        flow.deliver("", Webhooks.typed(Webhooks.wamid(), PHONE, "location", "{\"latitude\":-33.4,\"longitude\":-70.6}"));
        assertThat(FlowSupport.textOf(flow.replies().get(0))).contains("Gracias por tu ubicación").doesNotContain("1.");
    }

    @Test
    void withoutPointsTheRecyclingFlowSaysSoHonestly() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        flow.deliver(Webhooks.contact(PHONE, "Ana"), Webhooks.text(Webhooks.wamid(), PHONE, Webhooks.now(), "reciclaje"));
        wiremock.resetRequests();
        flow.deliver("", Webhooks.typed(Webhooks.wamid(), PHONE, "location", "{\"latitude\":-33.4,\"longitude\":-70.6}"));
        assertThat(FlowSupport.textOf(flow.replies().get(0))).contains("Todavía no tenemos puntos de reciclaje");
    }

    @Test
    void reactionsAndSystemMessagesAreLoggedAndNeverAnswered() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        flow.deliver(Webhooks.contact(PHONE, "Ana"), Webhooks.text(Webhooks.wamid(), PHONE, Webhooks.now(), "buscar"));
        wiremock.resetRequests();
        String reaction = Webhooks.wamid();
        String system = Webhooks.wamid();
        flow.deliver(Webhooks.contact(PHONE, "Ana"), Webhooks.typed(reaction, PHONE, "reaction",
                "{\"message_id\":\"wamid.OURS\",\"emoji\":\"👍\"}") + "," + Webhooks.typed(system, PHONE, "system",
                "{\"body\":\"Ana changed\",\"type\":\"customer_identity_changed\"}"));
        flow.round();
        assertThat(flow.replies()).as("no \"no entendí\" for a 👍").isEmpty();
        assertThat(TestDb.query(flow.tenant, "select wamid, intent, note from conversation_log where wamid in (?, ?)"
                + " order by intent", reaction, system)).containsExactly(
                Map.of("wamid", reaction, "intent", "evento.reaction", "note", "reaction"),
                Map.of("wamid", system, "intent", "evento.system", "note", "system"));
        // the search the customer started is still where it was
        flow.deliver("", Webhooks.text(Webhooks.wamid(), PHONE, Webhooks.now(), "parkas"));
        assertThat(FlowSupport.textOf(flow.replies().get(0))).contains("No tenemos \"parkas\"");
    }
}
