-- A tenant-scoped table shaped like the services' ones, to test the shared transaction code.
CREATE TABLE probe_notes (
    id         uuid PRIMARY KEY,
    cliente_id uuid NOT NULL,
    text       varchar(200) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX probe_notes_cliente_id_idx ON probe_notes (cliente_id);

ALTER TABLE probe_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE probe_notes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON probe_notes
    USING (cliente_id = NULLIF(current_setting('app.cliente_id', true), '')::uuid)
    WITH CHECK (cliente_id = NULLIF(current_setting('app.cliente_id', true), '')::uuid);
CREATE POLICY cross_tenant_read ON probe_notes FOR SELECT TO ${cross_tenant_role} USING (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON probe_notes TO ${app_role};
GRANT SELECT ON probe_notes TO ${cross_tenant_role};
