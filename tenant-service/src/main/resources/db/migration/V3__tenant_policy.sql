-- How a tenant's bot behaves, set by its owners and admins: enabled skills, text overrides,
-- no-match backoff parameters, a reply-rate cap. Empty means the plan's defaults.
ALTER TABLE clientes ADD COLUMN policy jsonb NOT NULL DEFAULT '{}';
