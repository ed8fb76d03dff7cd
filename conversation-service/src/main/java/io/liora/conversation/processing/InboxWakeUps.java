package io.liora.conversation.processing;

import io.liora.conversation.notify.DatabaseNotifications;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Wakes this replica's inbox workers when any replica stored messages: the database announces each
 * insert into the inbox on {@value #CHANNEL} at its commit (V8), so a webhook replica, which runs no
 * workers, still gets its messages answered at once rather than at the next timed round. Only on
 * replicas that run the workers.
 */
@ApplicationScoped
public class InboxWakeUps {

    static final String CHANNEL = "liora_inbox";

    private final InboxConfig config;
    private final InboxWorker worker;
    private final DatabaseNotifications notifications;

    public InboxWakeUps(InboxConfig config, InboxWorker worker, DatabaseNotifications notifications) {
        this.config = config;
        this.worker = worker;
        this.notifications = notifications;
    }

    void start(@Observes StartupEvent event) {
        if (config.workerEnabled()) {
            notifications.listen(CHANNEL, ignored -> worker.wake());
        }
    }
}
