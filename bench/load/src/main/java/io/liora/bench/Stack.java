package io.liora.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The running stack as deploy/local/up.sh described it (demo.env) and the tenants to load. */
record Stack(Map<String, String> env, List<Tenant> tenants) {

    /** A tenant and the WhatsApp number its customers write to. */
    record Tenant(String clienteId, String phoneNumberId) {
    }

    /** Reads deploy/local/demo.env and the tenants file of bench/load/provision.py (the demo tenant when absent). */
    static Stack read(Path tenantsFile) throws IOException {
        Map<String, String> env = Files.readAllLines(Path.of("deploy/local/demo.env")).stream()
                .filter(line -> line.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
        List<Tenant> tenants = new ArrayList<>();
        if (tenantsFile != null && Files.exists(tenantsFile)) {
            for (JsonNode tenant : new ObjectMapper().readTree(tenantsFile.toFile())) {
                tenants.add(new Tenant(tenant.get("cliente_id").asText(), tenant.get("phone_number_id").asText()));
            }
        } else {
            tenants.add(new Tenant(env.get("LIORA_DEMO_CLIENTE_ID"), env.get("LIORA_DEMO_PHONE_NUMBER_ID")));
        }
        return new Stack(env, List.copyOf(tenants));
    }

    String conversationUrl() {
        return env.get("LIORA_CONVERSATION_URL");
    }

    /** Where Meta's webhook goes: conversation-service, or its webhook replica when up.sh runs one apart. */
    String webhookUrl() {
        return env.getOrDefault("LIORA_WEBHOOK_URL", conversationUrl());
    }

    String sandboxUrl() {
        return env.get("LIORA_SANDBOX_URL");
    }
}
