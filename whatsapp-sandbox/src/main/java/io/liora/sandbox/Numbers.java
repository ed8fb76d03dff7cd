package io.liora.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The business numbers the sandbox serves, each with the access token Meta would have issued. */
@ApplicationScoped
public class Numbers {

    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public Numbers(SandboxConfig config) {
        config.numbers().ifPresent(entries -> entries.forEach(entry -> {
            int colon = entry.indexOf(':');
            if (colon > 0) {
                tokens.put(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
            }
        }));
    }

    public void register(String phoneNumberId, String token) {
        tokens.put(phoneNumberId, token);
    }

    public boolean known(String phoneNumberId) {
        return tokens.containsKey(phoneNumberId);
    }

    public boolean authorised(String phoneNumberId, String bearer) {
        String token = tokens.get(phoneNumberId);
        return token != null && bearer != null && bearer.equals("Bearer " + token);
    }

    /** A token of one of the numbers: the sandbox's one account answers to any of them. */
    public boolean authorisedForAny(String bearer) {
        return bearer != null && tokens.values().stream().anyMatch(token -> bearer.equals("Bearer " + token));
    }

    public Set<String> all() {
        return Set.copyOf(tokens.keySet());
    }
}
