-- Tenants' catalogs: every published version kept as a snapshot, one of them active per tenant,
-- and a log of every publish attempt.

CREATE TABLE catalog_snapshot (
    id           uuid PRIMARY KEY,
    cliente_id   uuid        NOT NULL,
    version      integer     NOT NULL CHECK (version > 0),
    -- SHA-256 of the canonical content, hex
    checksum     char(64)    NOT NULL,
    item_count   integer     NOT NULL,
    items        jsonb       NOT NULL,
    published_by varchar(100),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (cliente_id, version)
);
CREATE INDEX catalog_snapshot_cliente_id_idx ON catalog_snapshot (cliente_id);
SELECT liora_isolate_by_tenant('catalog_snapshot');

CREATE TABLE catalog_active (
    id           uuid PRIMARY KEY,
    cliente_id   uuid        NOT NULL UNIQUE,
    snapshot_id  uuid        NOT NULL REFERENCES catalog_snapshot (id),
    version      integer     NOT NULL,
    activated_by varchar(100),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
SELECT liora_isolate_by_tenant('catalog_active');

CREATE TABLE ingest_log (
    id               uuid PRIMARY KEY,
    cliente_id       uuid        NOT NULL,
    outcome          varchar(30) NOT NULL,
    reason           text,
    size_bytes       integer,
    item_count       integer,
    snapshot_version integer,
    actor            varchar(100),
    source_address   varchar(64),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ingest_log_cliente_id_idx ON ingest_log (cliente_id, created_at);
SELECT liora_isolate_by_tenant('ingest_log');
