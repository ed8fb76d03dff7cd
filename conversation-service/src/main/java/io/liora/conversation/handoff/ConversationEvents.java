package io.liora.conversation.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.conversation.notify.DatabaseNotifications;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What changes in the tenants' conversations, live: this replica LISTENs on PostgreSQL's
 * {@code liora_conversation_events} channel (the database's triggers announce new messages,
 * handoff changes and delivery statuses of every replica's work) and hands each tenant's events
 * to its consoles. Ids only: the console reads the rest through the API.
 */
@ApplicationScoped
public class ConversationEvents {

    private static final Logger LOG = Logger.getLogger(ConversationEvents.class);
    static final String CHANNEL = "liora_conversation_events";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How far a slow console may fall behind before its stream is cut (it then reconnects and reloads). */
    private static final int BUFFER = 1_000;

    /**
     * One change.
     *
     * @param kind     messages (new inbound or outbound messages), state (taken, waiting, given back) or statuses
     * @param contacts the contacts it concerns; {@code null} when too many to list (reload the list)
     */
    public record ConversationEvent(UUID clienteId, String kind, List<UUID> contacts) {
    }

    private final DatabaseNotifications notifications;
    private final SerializedProcessor<ConversationEvent, ConversationEvent> feed =
            BroadcastProcessor.<ConversationEvent>create().serialized();

    public ConversationEvents(DatabaseNotifications notifications) {
        this.notifications = notifications;
    }

    void start(@Observes StartupEvent event) {
        notifications.listen(CHANNEL, this::announce);
    }

    /** The tenant's events from now on. */
    public Multi<ConversationEvent> of(UUID clienteId) {
        return Multi.createFrom().publisher(feed).filter(e -> clienteId.equals(e.clienteId()))
                .onOverflow().buffer(BUFFER);
    }

    private void announce(String payload) {
        try {
            JsonNode event = JSON.readTree(payload);
            List<UUID> contacts = null;
            if (event.path("contacts").isArray()) {
                contacts = new ArrayList<>();
                for (JsonNode contact : event.path("contacts")) {
                    contacts.add(UUID.fromString(contact.asText()));
                }
            }
            feed.onNext(new ConversationEvent(UUID.fromString(event.path("cliente_id").asText()),
                    event.path("kind").asText(), contacts));
        } catch (Exception e) {
            LOG.warnf("Conversation event not understood: %s", e.toString());
        }
    }
}
