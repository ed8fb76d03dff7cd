package io.liora.conversation.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantTransactions;
import io.liora.conversation.tenant.NumberOwners;
import io.liora.conversation.tenant.TenantServiceApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * Stores what a webhook delivered, in one transaction, before the webhook is answered: each message
 * once by its wamid (a unique index, not a check-then-insert), routed to the number's tenant or
 * kept as unroutable; each delivery status once, for the forwarder.
 */
@ApplicationScoped
public class InboxService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT_MESSAGE = """
            insert into inbound_messages (id, wamid, cliente_id, phone_number_id, msisdn, profile_name, message_type,
                                          message, sent_at, status, unroutable_reason)
            values (gen_random_uuid(), :wamid, :cliente, :number, :msisdn, :name, :type,
                    cast(cast(:message as text) as jsonb), :sentAt, :status, :reason)
            on conflict (wamid) do nothing""";
    private static final String INSERT_STATUS = """
            insert into pending_statuses (id, cliente_id, wamid, status, item)
            values (gen_random_uuid(), :cliente, :wamid, :status, cast(cast(:item as text) as jsonb))
            on conflict (wamid, status) do nothing""";

    /** What one webhook came to. */
    public record Stored(int messages, int duplicates, int unroutable, int statuses) {
    }

    private final TenantTransactions tx;
    private final NumberOwners owners;
    private final MeterRegistry metrics;

    public InboxService(TenantTransactions tx, NumberOwners owners, MeterRegistry metrics) {
        this.tx = tx;
        this.owners = owners;
        this.metrics = metrics;
    }

    Uni<Stored> store(WebhookPayload payload) {
        Set<String> numbers = new LinkedHashSet<>();
        payload.messages().forEach(m -> numbers.add(m.phoneNumberId()));
        payload.statuses().forEach(s -> numbers.add(s.phoneNumberId()));
        Map<String, Optional<TenantServiceApi.NumberOwner>> owned = new HashMap<>();
        Executor eventLoop = EventLoop.current();
        return Multi.createFrom().iterable(numbers)
                .onItem().transformToUniAndConcatenate(number -> owners.owner(number).invoke(o -> owned.put(number, o)))
                .collect().last()
                .emitOn(eventLoop)
                .chain(() -> tx.acrossTenants(() -> Panache.getSession().chain(session -> {
                    int[] counts = new int[4];
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (WebhookPayload.Message message : payload.messages()) {
                        Optional<TenantServiceApi.NumberOwner> owner = owned.get(message.phoneNumberId());
                        String reason = unroutable(owner);
                        chain = chain.chain(() -> session.createNativeQuery(INSERT_MESSAGE)
                                .setParameter("wamid", message.wamid())
                                .setParameter("cliente", reason == null ? owner.get().clienteId() : null)
                                .setParameter("number", message.phoneNumberId())
                                .setParameter("msisdn", message.from())
                                .setParameter("name", message.profileName())
                                .setParameter("type", message.type())
                                .setParameter("message", json(message.message()))
                                .setParameter("sentAt", message.sentAt())
                                .setParameter("status", reason == null ? "pending" : "unroutable")
                                .setParameter("reason", reason)
                                .executeUpdate()
                                .invoke(inserted -> counts[inserted == 0 ? 1 : reason == null ? 0 : 2]++)
                                .replaceWithVoid());
                    }
                    for (WebhookPayload.Status status : payload.statuses()) {
                        Optional<TenantServiceApi.NumberOwner> owner = owned.get(status.phoneNumberId());
                        if (owner.isEmpty()) {
                            continue;
                        }
                        UUID clienteId = owner.get().clienteId();
                        chain = chain.chain(() -> session.createNativeQuery(INSERT_STATUS)
                                .setParameter("cliente", clienteId).setParameter("wamid", status.wamid())
                                .setParameter("status", status.status()).setParameter("item", json(status.item()))
                                .executeUpdate().invoke(inserted -> counts[3] += inserted).replaceWithVoid());
                    }
                    return chain.map(done -> new Stored(counts[0], counts[1], counts[2], counts[3]));
                })))
                .invoke(stored -> {
                    metrics.counter("liora.webhook.messages", "result", "stored").increment(stored.messages());
                    metrics.counter("liora.webhook.messages", "result", "duplicate").increment(stored.duplicates());
                    metrics.counter("liora.webhook.messages", "result", "unroutable").increment(stored.unroutable());
                });
    }

    /** Why a message to this number cannot be answered, or {@code null}. */
    private static String unroutable(Optional<TenantServiceApi.NumberOwner> owner) {
        if (owner == null || owner.isEmpty()) {
            return "unknown_number";
        }
        if ("suspendido".equals(owner.get().clienteEstado())) {
            return "tenant_suspended";
        }
        if ("inactivo".equals(owner.get().estado())) {
            return "number_disabled";
        }
        return null;
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
