package io.liora.conversation.processing;

import io.liora.common.work.ContinuousWorker;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Works the inbox on every replica that runs the workers: up to {@code liora.inbox.concurrency}
 * messages in flight, more claimed as they are answered, when any replica stored messages
 * ({@link InboxWakeUps}) and on a timer. No message waits for another contact's slow one.
 */
@ApplicationScoped
public class InboxWorker {

    private final InboxConfig config;
    private final ContinuousWorker<Object[]> worker;

    public InboxWorker(InboxConfig config, InboxProcessor processor, Vertx vertx) {
        this.config = config;
        this.worker = new ContinuousWorker<>(vertx, "inbox", Math.max(1, config.concurrency()), config.claimGap(),
                processor::claim, processor::handle);
    }

    void start(@Observes StartupEvent event) {
        if (config.workerEnabled()) {
            worker.every(config.pollInterval());
        }
    }

    public void wake() {
        if (config.workerEnabled()) {
            worker.wake();
        }
    }
}
