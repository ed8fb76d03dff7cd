package io.liora.sandbox;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every sandbox chat, in memory, and a live feed of what changes in them. */
@ApplicationScoped
public class Chats {

    private final Map<String, List<ChatMessage>> chats = new ConcurrentHashMap<>();
    private final BroadcastProcessor<ChatMessage> feed = BroadcastProcessor.create();

    public void add(ChatMessage message) {
        List<ChatMessage> chat = chats.computeIfAbsent(key(message.phoneNumberId(), message.msisdn()),
                k -> new ArrayList<>());
        synchronized (chat) {
            chat.add(message);
        }
        feed.onNext(message);
    }

    /** Moves an answer's status forward (sent, delivered, read) and tells the feed. */
    public void status(String wamid, String status) {
        chats.values().forEach(chat -> {
            synchronized (chat) {
                for (int i = 0; i < chat.size(); i++) {
                    if (wamid.equals(chat.get(i).wamid())) {
                        ChatMessage updated = chat.get(i).withStatus(status);
                        chat.set(i, updated);
                        feed.onNext(updated);
                    }
                }
            }
        });
    }

    public List<ChatMessage> of(String phoneNumberId, String msisdn) {
        List<ChatMessage> chat = chats.getOrDefault(key(phoneNumberId, msisdn), List.of());
        synchronized (chat) {
            return List.copyOf(chat);
        }
    }

    public Multi<ChatMessage> live(String phoneNumberId, String msisdn) {
        return feed.filter(m -> m.phoneNumberId().equals(phoneNumberId) && m.msisdn().equals(msisdn));
    }

    private static String key(String phoneNumberId, String msisdn) {
        return phoneNumberId + "/" + msisdn;
    }
}
