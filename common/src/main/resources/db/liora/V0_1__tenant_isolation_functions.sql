-- Shared by every Liora database (liora-common ships it; each service migrates it first).
-- Row-level security the same way on every tenant-scoped table: see TenantTransactions.

-- The tenant the current transaction works for, set with set_config('app.cliente_id', ..., true).
-- NULL (and so no rows) when none is set.
CREATE FUNCTION liora_current_tenant() RETURNS uuid
    LANGUAGE sql STABLE
AS $$ SELECT NULLIF(current_setting('app.cliente_id', true), '')::uuid $$;

-- Enables and forces row-level security on a table and lets the application role read and write
-- only the rows of the current tenant.
CREATE FUNCTION liora_isolate_by_tenant(tbl regclass, tenant_column name DEFAULT 'cliente_id') RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (%I = liora_current_tenant()) '
                   'WITH CHECK (%I = liora_current_tenant())', tbl, tenant_column, tenant_column);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO %I', tbl, '${app_role}');
END
$$;

-- Opens a table to the named cross-tenant path (TenantTransactions.acrossTenants), for the
-- commands given only, e.g. 'SELECT' for a lookup or 'SELECT, UPDATE' for a worker's claim.
CREATE FUNCTION liora_allow_cross_tenant(tbl regclass, commands text) RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format('GRANT %s ON %s TO %I', commands, tbl, '${cross_tenant_role}');
    EXECUTE format('CREATE POLICY cross_tenant ON %s TO %I USING (true) WITH CHECK (true)',
                   tbl, '${cross_tenant_role}');
END
$$;
