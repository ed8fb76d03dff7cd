package io.liora.integrations;

import io.liora.testing.HostileInputContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;

/** Every route of integrations-service, tried with NUL, lone surrogates and over-long strings: never a 5xx. */
@QuarkusTest
class HostileInputTest extends HostileInputContract {

    /** Bodies that pass validation, so each hostile string reaches as far as it can. */
    @Override
    protected Map<String, String> validBodies() {
        return Map.of(
                "POST /messages", "{\"to\":\"56912345678\",\"phone_number_id\":\"106540352242922\",\"type\":\"text\","
                        + "\"text\":{\"body\":\"hola\"},\"reply_to\":\"wamid.A\",\"idempotency_key\":\"hostile-1\"}",
                "POST /internal/statuses", "{\"statuses\":[{\"id\":\"wamid.HBgLhostile\",\"status\":\"read\","
                        + "\"timestamp\":\"1795939200\",\"errors\":[{\"code\":131047,\"title\":\"Re-engagement\"}],"
                        + "\"biz_opaque_callback_data\":\"liora:00000000-0000-0000-0000-000000000000\"}]}",
                "POST /messages/read", "{\"message_id\":\"wamid.HBgLhostile\",\"phone_number_id\":\"106540352242922\"}",
                "POST /links/shorten", "{\"url\":\"https://tienda.example.com/p/1\",\"title\":\"Café\","
                        + "\"utm\":{\"source\":\"whatsapp\",\"medium\":\"chatbot\",\"campaign\":\"demo\",\"content\":\"CAF\"},"
                        + "\"tags\":[\"cliente:demo\"]}",
                "POST /nlp/classify", "{\"text\":\"hola\",\"intents\":[{\"name\":\"menu\",\"description\":\"saludo\"}]}",
                "PUT /internal/contacts/{contactId}/opt-out", "{\"phone\":\"56912345678\",\"bsuid\":"
                        + "\"CL.1502576394655843\",\"confirmation_key\":\"stop:0\"}");
    }
}
