-- A tenant's own words for its products ({"zapas": ["zapatillas"]}), part of each published version;
-- null for versions published without any.
ALTER TABLE catalog_snapshot ADD COLUMN synonyms jsonb;
