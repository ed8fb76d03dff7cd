package io.liora.catalog.snapshot;

import io.liora.common.problem.ProblemException;

/** Problems of the catalog's own kinds. */
public final class CatalogNotFound {

    private CatalogNotFound() {
    }

    /** The tenant has published nothing yet: the skills answer this politely. */
    public static ProblemException noCatalog() {
        return new ProblemException("catalog-not-found", 404, "No catalog",
                "This tenant has not published a catalog yet");
    }

    public static ProblemException noSnapshot(int version) {
        return new ProblemException("snapshot-not-found", 404, "No such snapshot",
                "This tenant has no catalog version " + version);
    }

    public static ProblemException noItem(String sku) {
        return new ProblemException("item-not-found", 404, "No such item",
                "The active catalog has no item with sku " + sku);
    }
}
