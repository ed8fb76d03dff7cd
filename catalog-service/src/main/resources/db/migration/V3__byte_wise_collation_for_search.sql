-- Normalised text is compared byte-wise: ranking sorts by it, and a locale collation makes every
-- comparison an expensive strcoll() for no gain on lower-case, accent-free text.
-- (A trigram GIN index on (snapshot_id, search_text) was measured too: faster for rare words,
-- slower for the common ones a catalog's items share; see docs/benchmarks.md.)
ALTER TABLE catalog_items ALTER COLUMN nombre_norm TYPE text COLLATE "C";
ALTER TABLE catalog_items ALTER COLUMN search_text TYPE text COLLATE "C";
ALTER TABLE catalog_items ALTER COLUMN categoria_norm TYPE text COLLATE "C";
