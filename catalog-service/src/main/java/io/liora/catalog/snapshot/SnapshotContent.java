package io.liora.catalog.snapshot;

/**
 * A catalog's canonical content as a snapshot stores it: its items' JSON, its synonyms' JSON
 * ({@code null} without synonyms) and the checksum that recognises the same content published again.
 */
public record SnapshotContent(int itemCount, String itemsJson, String synonymsJson, String checksum) {
}
