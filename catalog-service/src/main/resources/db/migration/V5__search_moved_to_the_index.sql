-- Search reads the in-memory index of each version (catalog-index), not these normalised copies of
-- the items' text: nothing reads them any more, so a publish no longer computes or stores them.
DROP INDEX IF EXISTS catalog_items_category_idx;
ALTER TABLE catalog_items DROP COLUMN nombre_norm, DROP COLUMN categoria_norm, DROP COLUMN search_text;
