package io.liora.common.persistence;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.pgclient.spi.PgDriver;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Creates the default reactive pool as Quarkus would, with one change: statements up to
 * {@link #SQL_LIMIT} characters are kept prepared per connection. The Vert.x client keeps only
 * statements of at most 2,048 characters by default and Quarkus has no setting for it, so the
 * longest hot statements (a turn's record, a batch of delivery statuses) were parsed, planned and
 * closed again on every execution, at one more round trip each (docs/benchmarks.md).
 */
@Singleton
public class StatementCaches implements PgPoolCreator {

    /** The longest statement kept prepared, in characters (our longest is about 3,100). */
    public static final int SQL_LIMIT = 16_384;

    @Override
    public PgPool create(Input input) {
        return pool(input);
    }

    /** A pool over the input's databases whose connections keep statements up to {@link #SQL_LIMIT}. */
    public static PgPool pool(Input input) {
        List<PgConnectOptions> databases = input.pgConnectOptionsList();
        databases.forEach(database -> database.setPreparedStatementCacheSqlLimit(SQL_LIMIT));
        return (PgPool) PgDriver.INSTANCE.createPool(input.vertx(), databases, input.poolOptions());
    }
}
