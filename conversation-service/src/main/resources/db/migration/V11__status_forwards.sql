-- Statuses waiting to be handed to integrations-service, apart from the statuses themselves.
-- Marking a status forwarded in pending_statuses rewrote all six of its indexes (forwarded_at was
-- in a partial index's predicate, so no such update could be HOT), the callback-data expression
-- index included: 5 ms per forwarded batch under load (docs/benchmarks.md). Now a forwarded
-- status's queue row is deleted, and pending_statuses is written once.
CREATE TABLE status_forwards (
    status_id     uuid PRIMARY KEY REFERENCES pending_statuses (id) ON DELETE CASCADE,
    cliente_id    uuid        NOT NULL,
    claimed_until timestamptz,
    attempts      integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_forwards_created_idx ON status_forwards (created_at);
SELECT liora_isolate_by_tenant('status_forwards');
-- the webhook queues statuses of many tenants at once; the forwarder claims them for all tenants
SELECT liora_allow_cross_tenant('status_forwards', 'SELECT, INSERT, UPDATE');

ALTER TABLE pending_statuses NO FORCE ROW LEVEL SECURITY;
ALTER TABLE status_forwards NO FORCE ROW LEVEL SECURITY;
INSERT INTO status_forwards (status_id, cliente_id, claimed_until, attempts, created_at)
SELECT id, cliente_id, claimed_until, attempts, created_at FROM pending_statuses WHERE forwarded_at IS NULL;
ALTER TABLE status_forwards FORCE ROW LEVEL SECURITY;
ALTER TABLE pending_statuses FORCE ROW LEVEL SECURITY;

DROP INDEX pending_statuses_unforwarded_idx;
-- (cliente_id) is the leading column of the retention and callback indexes already
DROP INDEX pending_statuses_cliente_id_idx;
ALTER TABLE pending_statuses DROP COLUMN forwarded_at, DROP COLUMN claimed_until, DROP COLUMN attempts;

-- a queue deleted as fast as it fills: vacuumed by the count of its dead rows, not by a share of
-- its (small) live ones, so its claim does not wade through them
ALTER TABLE status_forwards SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);
