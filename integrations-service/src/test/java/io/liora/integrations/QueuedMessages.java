package io.liora.integrations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.eclipse.microprofile.config.ConfigProvider;

/** Test isolation for the outbox: the sender claims every tenant's due messages, oldest first. */
final class QueuedMessages {

    private QueuedMessages() {
    }

    /** Fails every message still queued by earlier tests, so they cannot take this test's answers. */
    static void clear() throws Exception {
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                Statement st = db.createStatement()) {
            st.execute("set role liora_cross_tenant");
            st.executeUpdate("update outbound_messages set status = 'failed' where status = 'queued'");
        }
    }
}
