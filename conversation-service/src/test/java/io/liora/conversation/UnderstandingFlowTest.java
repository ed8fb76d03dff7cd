package io.liora.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.conversation.router.Intent;
import io.liora.conversation.understanding.Understanding;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Customers as they write, through the webhook to the reply: product questions, slang, the two-stage fallback. */
@QuarkusTest
class UnderstandingFlowTest {

    private static final String CONTACT = "56987654321";
    /** A message the classifier hesitates on (checked first, so a retrained model says so plainly). */
    private static final String HESITANT = "ando mal";

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    @Inject
    Understanding understanding;

    private FlowSupport flow;
    private UUID tenant;

    @BeforeEach
    void stubs() throws Throwable {
        flow = new FlowSupport(wiremock, processor).start("{}");
        tenant = flow.tenant;
    }

    @Test
    void aProductTheCatalogDoesNotHaveIsAnHonestNoWithTheCategories() throws Throwable {
        JsonNode reply = answer("¿tienen parkas?");
        assertThat(FlowSupport.textOf(reply)).contains("No tenemos \"parkas\"");
        assertThat(FlowSupport.rowIds(reply)).containsExactly("catalogo.categoria:Deportes", "catalogo.categoria:Despensa");
    }

    @Test
    void aPriceQuestionIsAnsweredPriceFirstWithTheProductsLink() throws Throwable {
        String body = FlowSupport.textOf(answer("cuánto sale el café?"));
        assertThat(body).startsWith("*Café de grano tostado en casa 1kg* cuesta *$12.990*").contains("https://bit.ly/3cAf");
        assertThat(logged("cuánto sale el café?")).containsEntry("intent", Intent.PRICE)
                .containsEntry("intent_source", "catalog").containsEntry("skill", "catalogo");
    }

    @Test
    void typosSlangAndOtherWordsReachTheRightSkill() throws Throwable {
        assertThat(FlowSupport.textOf(answer("sapatillas"))).contains("*Zapatillas running*");
        assertThat(FlowSupport.rowIds(answer("wenas"))).contains("catalogo.categorias", "vida_sana.menu");
        answer("dónde tiro el aceite usado");
        assertThat(logged("dónde tiro el aceite usado")).containsEntry("intent", Intent.RECYCLING)
                .containsEntry("intent_source", "classifier");
        answer("me cuesta conciliar el sueño");
        assertThat(logged("me cuesta conciliar el sueño")).containsEntry("intent", Intent.REST);
    }

    @Test
    void aHesitantAnswerAsksOnceThenTheMenuAnswers() throws Throwable {
        assertThat(understanding.understand(HESITANT, null).name()).as("the classifier hesitates on this message")
                .isEqualTo(Intent.CLARIFY);
        JsonNode question = answer(HESITANT);
        assertThat(FlowSupport.textOf(question)).startsWith("¿Quisiste decir");
        List<String> buttons = buttonIds(question);
        assertThat(buttons).hasSize(3).contains(Intent.MENU);
        Map<String, Object> asked = logged(HESITANT);
        assertThat(asked).containsEntry("intent", Intent.CLARIFY).containsEntry("intent_source", "classifier");
        assertThat((Double) asked.get("confidence")).isBetween(Understanding.HESITANT, Understanding.CONFIDENT);

        // unclear again: not asked twice, the menu answers (the fallback's second stage)
        JsonNode menu = answer(HESITANT);
        assertThat(FlowSupport.textOf(menu)).contains("No entendí");
        assertThat(FlowSupport.rowIds(menu)).contains("catalogo.categorias");

        // a button of the question leads to its skill
        answer(HESITANT);
        wiremock.resetRequests();
        Webhooks.deliver(Webhooks.body(flow.number, "", Webhooks.buttonReply(Webhooks.wamid(), CONTACT, Webhooks.now(),
                buttons.get(0), "opción"), "")).then().statusCode(200);
        flow.round();
        assertThat(flow.replies()).hasSize(1);
    }

    // --- helpers --------------------------------------------------------------------------------

    private JsonNode answer(String text) throws Throwable {
        wiremock.resetRequests();
        Webhooks.deliver(Webhooks.body(flow.number, Webhooks.contact(CONTACT, "Pía"),
                Webhooks.text(Webhooks.wamid(), CONTACT, Webhooks.now(), text), "")).then().statusCode(200);
        flow.round();
        List<JsonNode> replies = flow.replies();
        assertThat(replies).as("the answer to \"%s\"", text).hasSize(1);
        return replies.get(0);
    }

    /** The newest inbound log row of {@code text}. */
    private Map<String, Object> logged(String text) {
        return TestDb.query(tenant, "select l.intent, l.skill, l.intent_source, l.confidence from conversation_log l"
                + " join inbound_messages m on m.id = l.inbound_message_id where l.direction = 'in' and m.msisdn = ?"
                + " and m.message->'text'->>'body' = ? order by l.seq desc limit 1", CONTACT, text).get(0);
    }

    private static List<String> buttonIds(JsonNode reply) {
        List<String> ids = new ArrayList<>();
        reply.path("interactive").path("action").path("buttons").forEach(b -> ids.add(b.path("reply").path("id").asText()));
        return ids;
    }
}
