package io.liora.integrations.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.common.persistence.TenantTransactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The intent fallback: asks OpenAI to pick one of the given intents (or {@code none}) under a
 * strict JSON schema. Only the customer's text and the intents' names and descriptions are sent.
 * It never fails the caller: disabled, over the tenant's daily cap, rate limited (429 honoured
 * with Retry-After), slow or failing all answer {@code none} with the reason as {@code source}.
 */
@ApplicationScoped
public class IntentClassifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COUNT_CALL = """
            insert into nlp_usage (id, cliente_id, day, calls) values (gen_random_uuid(), :cliente, :day, 1)
            on conflict (cliente_id, day) do update set calls = nlp_usage.calls + 1, updated_at = now()
            returning calls""";

    private final NlpConfig config;
    private final OpenAi openAi;
    private final TenantTransactions tx;
    private final MeterRegistry metrics;
    private volatile Instant rateLimitedUntil = Instant.EPOCH;

    public IntentClassifier(NlpConfig config, OpenAi openAi, TenantTransactions tx, MeterRegistry metrics) {
        this.config = config;
        this.openAi = openAi;
        this.tx = tx;
        this.metrics = metrics;
    }

    public Uni<NlpDtos.Classification> classify(UUID clienteId, NlpDtos.ClassifyRequest request) {
        if (config.apiKey().filter(key -> !key.isBlank()).isEmpty()) {
            return done(NlpDtos.Classification.none("disabled"));
        }
        if (Instant.now().isBefore(rateLimitedUntil)) {
            return done(NlpDtos.Classification.none("rate_limited"));
        }
        return countCall(clienteId).chain(calls -> calls > config.dailyCap()
                ? done(NlpDtos.Classification.none("capped"))
                : openAi.complete(config.apiKey().get(), body(request))
                        .ifNoItem().after(config.timeout()).fail()
                        .map(answer -> parse(answer, request))
                        .onFailure().recoverWithItem(this::failure)
                        .chain(this::done));
    }

    private Uni<Integer> countCall(UUID clienteId) {
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session -> session
                .createNativeQuery(COUNT_CALL, Integer.class).setParameter("cliente", clienteId)
                .setParameter("day", LocalDate.now(ZoneOffset.UTC)).getSingleResult()));
    }

    private Map<String, Object> body(NlpDtos.ClassifyRequest request) {
        List<String> names = new ArrayList<>();
        StringBuilder menu = new StringBuilder();
        for (NlpDtos.Intent intent : request.intents()) {
            names.add(intent.name());
            menu.append("- ").append(intent.name());
            if (intent.description() != null) {
                menu.append(": ").append(intent.description());
            }
            menu.append('\n');
        }
        names.add("none");
        Map<String, Object> schema = Map.of(
                "type", "object",
                "properties", Map.of("intent", Map.of("type", "string", "enum", names),
                        "confidence", Map.of("type", "number")),
                "required", List.of("intent", "confidence"),
                "additionalProperties", false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", config.model());
        body.put("temperature", 0);
        body.put("max_tokens", 60);
        body.put("messages", List.of(
                Map.of("role", "system", "content", "Classify the customer's WhatsApp message (usually Spanish) "
                        + "into exactly one intent, or none if no intent fits. Intents:\n" + menu
                        + "Answer the intent and your confidence from 0 to 1."),
                Map.of("role", "user", "content", request.text())));
        body.put("response_format", Map.of("type", "json_schema",
                "json_schema", Map.of("name", "intent", "strict", true, "schema", schema)));
        return body;
    }

    @SuppressWarnings("unchecked")
    private NlpDtos.Classification parse(Map<String, Object> answer, NlpDtos.ClassifyRequest request) {
        try {
            Map<String, Object> message = (Map<String, Object>) ((Map<String, Object>) ((List<Object>) answer
                    .get("choices")).get(0)).get("message");
            if (message.get("refusal") != null) {
                return NlpDtos.Classification.none("refused");
            }
            JsonNode content = JSON.readTree(String.valueOf(message.get("content")));
            String intent = content.path("intent").asText("none");
            double confidence = Math.max(0, Math.min(1, content.path("confidence").asDouble(0)));
            if (intent.equals("none") || request.intents().stream().anyMatch(i -> i.name().equals(intent))) {
                return new NlpDtos.Classification(intent, confidence, "openai");
            }
            return NlpDtos.Classification.none("error");
        } catch (Exception e) {
            return NlpDtos.Classification.none("error");
        }
    }

    private NlpDtos.Classification failure(Throwable e) {
        if (e instanceof CircuitBreakerOpenException) {
            return NlpDtos.Classification.none("circuit_open");
        }
        if (e instanceof io.smallrye.mutiny.TimeoutException) {
            return NlpDtos.Classification.none("timeout");
        }
        if (e instanceof WebApplicationException http && http.getResponse() != null
                && http.getResponse().getStatus() == 429) {
            String retryAfter = http.getResponse().getHeaderString("Retry-After");
            long seconds = retryAfter != null && retryAfter.matches("\\d{1,6}") ? Long.parseLong(retryAfter) : 20;
            rateLimitedUntil = Instant.now().plusSeconds(seconds);
            return NlpDtos.Classification.none("rate_limited");
        }
        return NlpDtos.Classification.none("error");
    }

    private Uni<NlpDtos.Classification> done(NlpDtos.Classification classification) {
        metrics.counter("liora.nlp.calls", "source", classification.source()).increment();
        return Uni.createFrom().item(classification);
    }

    /** OpenAI behind a circuit breaker: a failing API is left alone for a while. */
    @ApplicationScoped
    public static class OpenAi {

        private final OpenAiApi api;

        public OpenAi(@RestClient OpenAiApi api) {
            this.api = api;
        }

        @AsynchronousNonBlocking
        @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 30_000, successThreshold = 2)
        public Uni<Map<String, Object>> complete(String apiKey, Map<String, Object> body) {
            return api.complete("Bearer " + apiKey, body);
        }
    }
}
