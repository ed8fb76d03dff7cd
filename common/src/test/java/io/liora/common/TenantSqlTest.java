package io.liora.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liora.common.persistence.TenantSql;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The hot paths' plain-SQL transaction ({@link TenantSql}) holds the same isolation as the
 * Hibernate one, on a pool of one connection (application.properties): every transaction below
 * reuses the connection the previous one used, so a setting or a transaction left behind would show.
 */
@QuarkusTest
class TenantSqlTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    TenantSql sql;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void eachTenantSeesOnlyItsOwnRowsAndNothingLeaksThroughThePooledConnection() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        write(a, a, "a-1");
        write(b, b, "b-1");
        write(a, a, "a-2");

        assertThat(texts(a)).containsExactly("a-1", "a-2");
        assertThat(texts(b)).containsExactly("b-1");
        // on the same connection, right after, a statement outside any tenant transaction finds nothing
        assertThat(pool.query("select count(*) from probe_notes").execute().await().atMost(WAIT)
                .iterator().next().getLong(0)).isZero();
    }

    @Test
    void writingAnotherTenantsRowIsRefusedAndRolledBack() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertThatThrownBy(() -> write(a, b, "sneaky")).isInstanceOf(PgException.class)
                .hasMessageContaining("42501");
        assertThat(texts(b)).isEmpty();
        // the connection went back clean: the next transaction works
        write(b, b, "b-1");
        assertThat(texts(b)).containsExactly("b-1");
    }

    @Test
    void aFailingStatementUndoesTheTransactionsEarlierOnes() {
        UUID a = UUID.randomUUID();
        assertThatThrownBy(() -> sql.forTenant(a, connection -> insert(connection, a, "kept?")
                .compose(inserted -> connection.query("select 1 / 0").execute())).await().atMost(WAIT))
                .isInstanceOf(PgException.class).hasMessageContaining("22012");
        assertThat(texts(a)).isEmpty();
    }

    @Test
    void aSingleStatementIsOneTransactionAndItsFailureLeavesNothingBehind() {
        UUID a = UUID.randomUUID();
        assertThat(sql.forTenant(a, "insert into probe_notes (id, cliente_id, text) values ($1, $2, 'one')",
                Tuple.of(UUID.randomUUID(), a)).await().atMost(WAIT).rowCount()).isEqualTo(1);
        assertThatThrownBy(() -> sql.forTenant(a, "insert into probe_notes (id, cliente_id, text) values ($1, $2, 'x')",
                Tuple.of(UUID.randomUUID(), UUID.randomUUID())).await().atMost(WAIT))
                .isInstanceOf(PgException.class).hasMessageContaining("42501");
        // the same connection, next: no transaction left open, no setting left behind
        assertThat(sql.forTenant(a, "select count(*) from probe_notes", Tuple.tuple()).await().atMost(WAIT)
                .iterator().next().getLong(0)).isEqualTo(1);
        assertThat(pool.query("select count(*) from probe_notes").execute().await().atMost(WAIT)
                .iterator().next().getLong(0)).isZero();
    }

    @Test
    void theNamedCrossTenantPathSeesEveryTenant() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        write(a, a, "x");
        write(b, b, "y");
        long seen = sql.acrossTenants(connection -> connection.preparedQuery(
                        "select count(*) from probe_notes where cliente_id in ($1, $2)").execute(Tuple.of(a, b))
                .map(rows -> rows.iterator().next().getLong(0))).await().atMost(WAIT);
        assertThat(seen).isEqualTo(2);
    }

    @Test
    void replayableWorkCommitsWithoutWaitingForTheFlushOnlyInItsOwnTransactionAndKeepsItsTenant() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        write(b, b, "b-1");
        String inside = sql.forTenantReplayable(a, connection -> insert(connection, a, "a-1")
                .compose(inserted -> connection.query("select current_setting('synchronous_commit')").execute())
                .map(rows -> rows.iterator().next().getString(0))).await().atMost(WAIT);
        assertThat(inside).isEqualTo("off");
        assertThat(sql.forTenantReplayable(a, "select current_setting('synchronous_commit'), count(*) from probe_notes",
                Tuple.tuple()).await().atMost(WAIT).iterator().next().toJson().getMap())
                .containsValues("off", 1L); // the tenant's one row, not b's
        assertThat(sql.acrossTenantsReplayable("select current_setting('synchronous_commit'), current_user",
                Tuple.tuple()).await().atMost(WAIT).iterator().next().getString(0)).isEqualTo("off");
        // the same connection, next: the durable default is back, and the commits above stood
        assertThat(pool.query("select current_setting('synchronous_commit')").execute().await().atMost(WAIT)
                .iterator().next().getString(0)).isEqualTo("on");
        assertThat(texts(a)).containsExactly("a-1");
        assertThatThrownBy(() -> sql.forTenantReplayable(a, "insert into probe_notes (id, cliente_id, text) values ($1, $2, 'x')",
                Tuple.of(UUID.randomUUID(), b)).await().atMost(WAIT))
                .isInstanceOf(PgException.class).hasMessageContaining("42501");
    }

    private void write(UUID tenant, UUID rowTenant, String text) {
        sql.forTenant(tenant, connection -> insert(connection, rowTenant, text)).await().atMost(WAIT);
    }

    private static Future<Integer> insert(SqlConnection connection, UUID tenant, String text) {
        return connection.preparedQuery("insert into probe_notes (id, cliente_id, text) values ($1, $2, $3)")
                .execute(Tuple.of(UUID.randomUUID(), tenant, text)).map(rows -> rows.rowCount());
    }

    private List<String> texts(UUID tenant) {
        return sql.forTenant(tenant, connection -> connection.query("select text from probe_notes order by created_at, text")
                .execute().map(rows -> {
                    List<String> texts = new ArrayList<>();
                    for (Row row : rows) {
                        texts.add(row.getString(0));
                    }
                    return texts;
                })).await().atMost(WAIT);
    }
}
