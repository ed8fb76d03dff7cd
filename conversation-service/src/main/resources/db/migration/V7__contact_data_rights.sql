-- A customer's data on request (export, erasure) and only as long as the tenant keeps it (retention).

-- One erasure of one contact, tracked until every service has done its part: this service's rows go
-- in the request's transaction, integrations-service's are asked for (and asked again until it
-- answers), and the audit trail is told at the start and the end.
CREATE TABLE erasures (
    id                   uuid PRIMARY KEY,
    cliente_id           uuid         NOT NULL,
    contact_id           uuid         NOT NULL,
    status               varchar(20)  NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
    -- what integrations-service needs to find the person's rows ({"phone":..,"bsuid":..}), as JSON
    -- text; cleared once it has answered, so nothing of the person outlives the erasure
    identifiers          text,
    requested_by         uuid,
    requested_role       varchar(30)  NOT NULL,
    request_id           varchar(100),
    conversation_done_at timestamptz  NOT NULL,
    integrations_done_at timestamptz,
    requested_audited_at timestamptz,
    completed_at         timestamptz,
    completed_audited_at timestamptz,
    attempts             integer      NOT NULL DEFAULT 0,
    next_attempt_at      timestamptz  NOT NULL DEFAULT now(),
    last_error           varchar(300),
    created_at           timestamptz  NOT NULL DEFAULT now(),
    updated_at           timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX erasures_contact_idx ON erasures (cliente_id, contact_id);
CREATE INDEX erasures_due_idx ON erasures (next_attempt_at) WHERE completed_audited_at IS NULL;
SELECT liora_isolate_by_tenant('erasures');
-- the erasure worker finds due erasures of every tenant and takes a lease on them
SELECT liora_allow_cross_tenant('erasures', 'SELECT, UPDATE');

-- An erased person's identifiers as keyed hashes (HMAC-SHA256 with liora.privacy.tombstone-key),
-- never in plain: a late webhook of theirs (a retry of a message sent before the erasure) is
-- dropped instead of bringing the data back.
CREATE TABLE contact_tombstones (
    cliente_id      uuid        NOT NULL,
    identifier_hash char(64)    NOT NULL,
    erased_at       timestamptz NOT NULL,
    erasure_id      uuid        NOT NULL,
    -- when the person wrote again after the erasure (a new conversation, a new contact): delivery
    -- statuses to the identifier are dropped until then (they are of messages sent before), kept after
    returned_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cliente_id, identifier_hash)
);
SELECT liora_isolate_by_tenant('contact_tombstones');
-- the webhook checks a sender against them while it stores, and notes a return (across tenants)
SELECT liora_allow_cross_tenant('contact_tombstones', 'SELECT, UPDATE');

-- Retention: an inbound message past the tenant's window keeps only what deduplicates Meta's
-- retries (number, wamid, contact id, type, times); its body and sender's details are removed.
ALTER TABLE inbound_messages ADD COLUMN redacted_at timestamptz;
CREATE INDEX inbound_messages_retention_idx ON inbound_messages (cliente_id, created_at) WHERE redacted_at IS NULL;
CREATE INDEX pending_statuses_retention_idx ON pending_statuses (cliente_id, created_at);
CREATE INDEX handoff_events_contact_idx ON handoff_events (cliente_id, contact_id);
