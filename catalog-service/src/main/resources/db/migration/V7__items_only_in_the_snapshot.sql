-- A version's items are read from its snapshot's JSON (in memory, with the search index: search,
-- a single item, the categories); nothing reads these per-item copies any more, so a publish no
-- longer writes 10,000 rows to keep them.
DROP TABLE catalog_items;
