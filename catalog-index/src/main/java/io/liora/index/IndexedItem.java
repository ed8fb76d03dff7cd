package io.liora.index;

/** What the index reads of one product; {@code categoria} and {@code descripcion} may be null. */
public record IndexedItem(String sku, String nombre, String categoria, String descripcion) {
}
