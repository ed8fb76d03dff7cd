package io.liora.conversation.notify;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This replica's one connection LISTENing to PostgreSQL's notifications (the database's triggers
 * announce other replicas' work: the consoles' live events, the inbox's wake-ups). Connected at the
 * first {@link #listen}; after a lost connection (a database restart) it listens again every second.
 */
@ApplicationScoped
public class DatabaseNotifications {

    private static final Logger LOG = Logger.getLogger(DatabaseNotifications.class);

    private final PgSubscriber subscriber;
    private boolean connecting;

    public DatabaseNotifications(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.subscriber = PgSubscriber.subscriber(vertx, PgConnectOptions.fromUri(url).setUser(user).setPassword(password))
                .reconnectPolicy(retries -> Duration.ofSeconds(1).toMillis());
        subscriber.closeHandler(v -> LOG.warn("Database notifications: connection lost, reconnecting"));
    }

    /** Hands each notification's payload on {@code channel} to {@code handler}, from now on. */
    public synchronized void listen(String channel, Consumer<String> handler) {
        subscriber.channel(channel).handler(handler::accept);
        if (!connecting) {
            connecting = true;
            subscriber.connect().onFailure(e -> LOG.warnf("Database notifications not listening yet: %s", e.getMessage()));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        subscriber.close();
    }
}
