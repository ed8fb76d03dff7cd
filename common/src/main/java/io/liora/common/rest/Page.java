package io.liora.common.rest;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param items this page's items
 * @param page  the page's number, from 0
 * @param size  the page size asked for
 * @param total how many items the whole list has
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
