package io.liora.conversation.processing;

import io.liora.conversation.clients.IntegrationsApi;
import io.liora.conversation.clients.Refusals;
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
 * Hands a turn's replies to integrations-service, in order, each under the idempotency key
 * {@code <wamid>:<index>} (the same inbound message always makes the same keys, so a retry sends
 * nothing new), addressed to the contact's phone or, without one, to its BSUID. A change of consent
 * reaches integrations-service first: an opt-out names its confirmation's key, the one message it
 * still lets through; an opt-in lifts the suppression before the welcome back is queued.
 */
@ApplicationScoped
public class ReplySender {

    private final IntegrationsApi integrations;

    public ReplySender(@RestClient IntegrationsApi integrations) {
        this.integrations = integrations;
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
        List<UUID> ids = new ArrayList<>();
        String[] refusal = {null};
        Uni<Void> chain = consent;
        for (int i = 0; i < replies.size(); i++) {
            Outgoing reply = replies.get(i);
            IntegrationsApi.OutgoingMessage body = new IntegrationsApi.OutgoingMessage(address.to(), address.recipient(),
                    contact.id, message.phoneNumberId, reply.type(), reply.text(), reply.interactive(), null,
                    key(message, i));
            chain = chain.chain(() -> refusal[0] != null ? Uni.createFrom().voidItem()
                    : integrations.send(tenant, body).invoke(queued -> ids.add(queued.id())).replaceWithVoid()
                            .onFailure(Refusals::permanent).recoverWithItem(e -> {
                                refusal[0] = "send_refused_" + Refusals.status(e);
                                return null;
                            }));
        }
        return chain.map(done -> new Sent(ids, refusal[0]));
    }

    private static String key(InboundMessage message, int index) {
        return message.wamid + ":" + index;
    }
}
