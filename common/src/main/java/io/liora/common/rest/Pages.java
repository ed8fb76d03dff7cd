package io.liora.common.rest;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;

/** One page of a Panache query, with the total count. Inside the caller's transaction. */
public final class Pages {

    private Pages() {
    }

    public static <T> Uni<Page<T>> of(PanacheQuery<T> query, PageRequest request) {
        return query.page(request.page, request.size).list()
                .chain(items -> query.count().map(total -> new Page<>(items, request.page, request.size, total)));
    }
}
