-- What the sender needs besides V1: when a message was last tried and last changed status, and
-- which tenants' sending is paused because Meta rejected their token (error 190).
ALTER TABLE outbound_messages
    ADD COLUMN last_attempt_at timestamptz,
    ADD COLUMN status_at       timestamptz;
CREATE INDEX outbound_messages_claimable_idx ON outbound_messages (next_attempt_at)
    WHERE status = 'queued';

CREATE TABLE sending_pauses (
    id          uuid PRIMARY KEY,
    cliente_id  uuid        NOT NULL UNIQUE,
    reason      text        NOT NULL,
    check_after timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
SELECT liora_isolate_by_tenant('sending_pauses');
-- the sender skips paused tenants when it claims work for all of them
SELECT liora_allow_cross_tenant('sending_pauses', 'SELECT, DELETE');
