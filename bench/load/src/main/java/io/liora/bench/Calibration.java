package io.liora.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What each tenant answers to each script, learnt before the load from one unhurried contact per
 * pair: every message of the script, then its answers. Under load, a contact of that tenant and
 * script must receive exactly these answers, in this order.
 */
final class Calibration {

    /** The answers to a script, and how many of them answer each of its messages. */
    record Expected(List<String> answers, int[] perMessage) {

        /** The index, in {@link #answers}, of the last answer to message {@code k}. */
        int lastAnswerOf(int k) {
            int end = 0;
            for (int i = 0; i <= k; i++) {
                end += perMessage[i];
            }
            return end - 1;
        }
    }

    private final Map<String, Expected> expected = new ConcurrentHashMap<>();

    Expected of(Stack.Tenant tenant, Script script) {
        return expected.get(tenant.phoneNumberId() + "/" + script.name());
    }

    static Calibration learn(Stack stack, Meta meta, Sandbox sandbox, String runId) throws Exception {
        Calibration calibration = new Calibration();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> probes = new ArrayList<>();
        int n = 0;
        for (Stack.Tenant tenant : stack.tenants()) {
            for (Script script : Script.MIX) {
                String contact = "58" + runId + String.format("%04d", n++);
                probes.add(pool.submit(() -> {
                    calibration.expected.put(tenant.phoneNumberId() + "/" + script.name(),
                            probe(meta, sandbox, tenant, script, contact));
                    return null;
                }));
            }
        }
        try {
            for (Future<?> probe : probes) {
                probe.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return calibration;
    }

    private static Expected probe(Meta meta, Sandbox sandbox, Stack.Tenant tenant, Script script, String contact)
            throws Exception {
        int[] perMessage = new int[script.steps().size()];
        int seen = 0;
        for (int k = 0; k < perMessage.length; k++) {
            String wamid = "wamid.CAL" + contact + "_" + k;
            String body = Meta.message(tenant.phoneNumberId(), contact, wamid, Instant.now().getEpochSecond() + k,
                    script.steps().get(k));
            int status = meta.post(body).join();
            if (status != 200) {
                throw new IllegalStateException("calibration webhook answered " + status);
            }
            int now = settle(sandbox, tenant, contact, seen);
            if (now == seen) {
                throw new IllegalStateException("no answer to " + script.name() + " message " + k);
            }
            perMessage[k] = now - seen;
            seen = now;
        }
        List<String> answers = sandbox.answers(tenant.phoneNumberId(), contact).stream()
                .map(Sandbox.Answer::says).toList();
        return new Expected(answers, perMessage);
    }

    /** Waits for answers beyond {@code seen}, then until none has come for a second. */
    private static int settle(Sandbox sandbox, Stack.Tenant tenant, String contact, int seen) throws Exception {
        int count = seen;
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            int now = sandbox.answers(tenant.phoneNumberId(), contact).size();
            if (now != count) {
                count = now;
                quietSince = System.nanoTime();
            } else if (count > seen && System.nanoTime() - quietSince > 1_000_000_000L) {
                break;
            }
        }
        return count;
    }
}
