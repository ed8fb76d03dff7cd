package io.liora.conversation.webhook;

import io.liora.common.persistence.StatementCaches;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import jakarta.inject.Singleton;

/** The webhook's own pool ({@link InboxService#POOL}), with the same statement cache as the default one. */
@Singleton
@ReactiveDataSource(InboxService.POOL)
class WebhookStatementCaches implements PgPoolCreator {

    @Override
    public PgPool create(Input input) {
        return StatementCaches.pool(input);
    }
}
