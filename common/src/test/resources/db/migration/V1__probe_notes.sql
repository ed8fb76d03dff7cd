-- A tenant-scoped table shaped like the services' ones, to test the shared transaction code.
CREATE TABLE probe_notes (
    id         uuid PRIMARY KEY,
    cliente_id uuid NOT NULL,
    text       varchar(200) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX probe_notes_cliente_id_idx ON probe_notes (cliente_id);
SELECT liora_isolate_by_tenant('probe_notes');
SELECT liora_allow_cross_tenant('probe_notes', 'SELECT');
