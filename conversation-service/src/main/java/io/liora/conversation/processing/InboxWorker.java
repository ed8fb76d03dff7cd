package io.liora.conversation.processing;

import io.liora.common.work.Rounds;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs the inbox's rounds on every replica that runs the workers: on a timer, and at once when any
 * replica stored messages ({@link InboxWakeUps}).
 */
@ApplicationScoped
public class InboxWorker {

    private final InboxConfig config;
    private final Rounds rounds;

    public InboxWorker(InboxConfig config, InboxProcessor processor, Vertx vertx) {
        this.config = config;
        this.rounds = new Rounds(vertx, "inbox", processor::round, config.batchSize());
    }

    void start(@Observes StartupEvent event) {
        if (config.workerEnabled()) {
            rounds.every(config.pollInterval());
        }
    }

    public void wake() {
        if (config.workerEnabled()) {
            rounds.wake();
        }
    }
}
