package io.liora.conversation.processing;

import io.liora.conversation.clients.IntegrationsApi;
import io.liora.conversation.contact.Contact;
import io.liora.conversation.inbox.InboundMessage;
import io.liora.conversation.skills.Outgoing;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Hands a turn's replies to integrations-service, in order and in one call with other turns'
 * ({@link ReplyBatches}), each under the idempotency key
 * {@code <wamid>:<index>} (the same inbound message always makes the same keys, so a retry sends
 * nothing new), addressed to the contact's phone or, without one, to its BSUID. A change of consent
 * reaches integrations-service first: an opt-out names its confirmation's key, the one message it
 * still lets through; an opt-in lifts the suppression before the welcome back is queued.
 */
@ApplicationScoped
public class ReplySender {

    private final IntegrationsApi integrations;
    private final ReplyBatches batches;

    public ReplySender(@RestClient IntegrationsApi integrations, ReplyBatches batches) {
        this.integrations = integrations;
        this.batches = batches;
    }

    /**
     * What reached the outbox: the ids of the replies queued, in order, and why the rest were not
     * when integrations-service refused one for good (say, 409 opted-out): such a turn is finished,
     * not tried again, since the same refusal would come back every time.
     */
    public record Sent(List<UUID> ids, String refusal) {
    }

    public Uni<Sent> send(InboundMessage message, Contact contact, TurnDecider.Outcome outcome) {
        String tenant = message.clienteId.toString();
        List<Outgoing> replies = outcome.reply().messages();
        Contact.Address address = contact.address();
        Uni<Void> consent = switch (outcome.consent()) {
            case OPT_OUT -> integrations.optOut(tenant, contact.id,
                    new IntegrationsApi.OptOut(contact.phone, contact.bsuid, key(message, 0)));
            case OPT_IN -> integrations.optIn(tenant, contact.id);
            case NONE -> Uni.createFrom().voidItem();
        };
        List<IntegrationsApi.OutgoingMessage> bodies = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            Outgoing reply = replies.get(i);
            bodies.add(new IntegrationsApi.OutgoingMessage(address.to(), address.recipient(), contact.id,
                    message.phoneNumberId, reply.type(), reply.text(), reply.interactive(), null, key(message, i)));
        }
        return consent.chain(() -> bodies.isEmpty() ? Uni.createFrom().item(new Sent(List.of(), null))
                : batches.queue(message.clienteId, bodies).map(ReplySender::sent));
    }

    /** The replies queued up to the first one refused, and why that one was. */
    private static Sent sent(List<IntegrationsApi.BatchItem> results) {
        List<UUID> ids = new ArrayList<>();
        for (IntegrationsApi.BatchItem result : results) {
            if (result.problem() != null) {
                return new Sent(ids, "send_refused_" + result.problem().status());
            }
            ids.add(result.id());
        }
        return new Sent(ids, null);
    }

    private static String key(InboundMessage message, int index) {
        return message.wamid + ":" + index;
    }
}
