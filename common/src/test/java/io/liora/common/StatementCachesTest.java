package io.liora.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.liora.common.persistence.StatementCaches;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The pool keeps long statements prepared ({@link StatementCaches}): on the pool's one connection
 * (application.properties), a statement longer than the Vert.x client's default limit of 2,048
 * characters is still prepared after it ran, and run again without being prepared anew.
 */
@QuarkusTest
class StatementCachesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PREPARED = "select count(*) from pg_prepared_statements where statement like $1";

    @Inject
    Pool pool;

    @Test
    void aStatementLongerThanTheClientsDefaultLimitStaysPrepared() {
        String marker = "kept_" + System.nanoTime();
        String longStatement = "select cast($1 as int) + 1 as " + marker + " -- " + "x".repeat(3_000);
        assertThat(longStatement.length()).isGreaterThan(2_048).isLessThan(StatementCaches.SQL_LIMIT);

        for (int i = 0; i < 3; i++) {
            assertThat(pool.preparedQuery(longStatement).execute(Tuple.of(i)).await().atMost(WAIT)
                    .iterator().next().getInteger(0)).isEqualTo(i + 1);
        }

        assertThat(pool.preparedQuery(PREPARED).execute(Tuple.of("%" + marker + "%")).await().atMost(WAIT)
                .iterator().next().getLong(0)).as("prepared once and kept on the connection").isEqualTo(1);
    }
}
