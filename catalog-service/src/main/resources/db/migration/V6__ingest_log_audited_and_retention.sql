-- Publishes and rollbacks go to tenant-service's audit trail: the ingest log is their outbox (a
-- row is sent until tenant-service has it, then marked). Past the tenant's retention window the
-- log's rows are removed (they hold staff's source addresses), once sent.
ALTER TABLE ingest_log ADD COLUMN audited_at timestamptz;
CREATE INDEX ingest_log_unaudited_idx ON ingest_log (created_at)
    WHERE audited_at IS NULL AND outcome IN ('accepted', 'activated');
-- the forwarder finds unsent rows of every tenant
SELECT liora_allow_cross_tenant('ingest_log', 'SELECT, UPDATE');
