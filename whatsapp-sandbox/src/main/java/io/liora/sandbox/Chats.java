package io.liora.sandbox;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Every sandbox chat, in memory, and a live feed of what changes in them. */
@ApplicationScoped
public class Chats {

    /** How many changes a slow chat page may fall behind before its stream is cut (it then reloads). */
    private static final int LIVE_BUFFER = 1_000;

    private final Map<String, List<ChatMessage>> chats = new ConcurrentHashMap<>();
    /** Which chat an answer's wamid is in, so a status finds it without scanning every chat. */
    private final Map<String, String> chatOfWamid = new ConcurrentHashMap<>();
    /**
     * Answers and statuses come from many threads at once, so the feed is serialized; a subscriber
     * without demand at that moment would be failed by a bare BroadcastProcessor (and the chat page's
     * stream would drop until it reconnects), so each live view buffers what it has not taken yet.
     */
    private final SerializedProcessor<ChatMessage, ChatMessage> feed = BroadcastProcessor.<ChatMessage>create().serialized();
    /** A customer's BSUID by phone, learned from messages that carried both. */
    private final Map<String, String> bsuidOfPhone = new ConcurrentHashMap<>();

    /**
     * The chat a customer is in: the BSUID when the customer has one, else the phone, so a
     * username-only customer who later shows the phone stays in one chat.
     */
    public String handleOf(Customer customer) {
        if (customer.phone() != null && customer.bsuid() != null) {
            bsuidOfPhone.put(customer.phone(), customer.bsuid());
        }
        return customer.bsuid() != null ? customer.bsuid() : customer.phone();
    }

    public String handleOf(Recipient recipient) {
        return recipient.bsuid() != null ? recipient.bsuid()
                : bsuidOfPhone.getOrDefault(recipient.phone(), recipient.phone());
    }

    /**
     * Customers whose 24-hour window is closed: aged on request (as if a day had passed), opened
     * again by their next message. Meta then takes only templates from the business.
     */
    private final java.util.Set<String> closedWindows = ConcurrentHashMap.newKeySet();

    public void closeWindow(String phoneNumberId, String handle) {
        closedWindows.add(key(phoneNumberId, handle));
    }

    public boolean windowOpen(String phoneNumberId, String handle) {
        return !closedWindows.contains(key(phoneNumberId, handle));
    }

    public void add(ChatMessage message) {
        String key = key(message.phoneNumberId(), message.msisdn());
        if ("in".equals(message.direction())) {
            closedWindows.remove(key);
        }
        List<ChatMessage> chat = chats.computeIfAbsent(key, k -> new ArrayList<>());
        if (message.wamid() != null) {
            chatOfWamid.put(message.wamid(), key);
        }
        synchronized (chat) {
            chat.add(message);
        }
        feed.onNext(message);
    }

    /** Moves an answer's status forward (sent, delivered, read) and tells the feed. */
    public void status(String wamid, String status) {
        String key = chatOfWamid.get(wamid);
        List<ChatMessage> chat = key == null ? List.of() : chats.getOrDefault(key, List.of());
        synchronized (chat) {
            for (int i = 0; i < chat.size(); i++) {
                if (wamid.equals(chat.get(i).wamid())) {
                    ChatMessage updated = chat.get(i).withStatus(status);
                    chat.set(i, updated);
                    feed.onNext(updated);
                }
            }
        }
    }

    public List<ChatMessage> of(String phoneNumberId, String msisdn) {
        List<ChatMessage> chat = chats.getOrDefault(key(phoneNumberId, msisdn), List.of());
        synchronized (chat) {
            return List.copyOf(chat);
        }
    }

    /** The number's chats whose contact starts with {@code prefix}, by contact (for load tests). */
    public Map<String, List<ChatMessage>> ofNumber(String phoneNumberId, String prefix) {
        String start = key(phoneNumberId, prefix);
        Map<String, List<ChatMessage>> found = new TreeMap<>();
        chats.forEach((key, chat) -> {
            if (key.startsWith(start)) {
                synchronized (chat) {
                    found.put(key.substring(key.indexOf('/') + 1), List.copyOf(chat));
                }
            }
        });
        return found;
    }

    public Multi<ChatMessage> live(String phoneNumberId, String msisdn) {
        return Multi.createFrom().publisher(feed).filter(m -> m.phoneNumberId().equals(phoneNumberId) && m.msisdn().equals(msisdn))
                .onOverflow().buffer(LIVE_BUFFER);
    }

    private static String key(String phoneNumberId, String msisdn) {
        return phoneNumberId + "/" + msisdn;
    }
}
