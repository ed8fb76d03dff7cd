-- Why a message could not be routed (unknown number, suspended tenant).
ALTER TABLE inbound_messages ADD COLUMN unroutable_reason varchar(100);

-- Meta's delivery statuses, stored with the webhook's answer and handed to integrations-service
-- afterwards (a status redelivered by Meta is stored once).
CREATE TABLE pending_statuses (
    id            uuid PRIMARY KEY,
    cliente_id    uuid         NOT NULL,
    wamid         varchar(255) NOT NULL,
    status        varchar(20)  NOT NULL,
    item          jsonb        NOT NULL,
    forwarded_at  timestamptz,
    claimed_until timestamptz,
    attempts      integer      NOT NULL DEFAULT 0,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (wamid, status)
);
CREATE INDEX pending_statuses_cliente_id_idx ON pending_statuses (cliente_id);
CREATE INDEX pending_statuses_unforwarded_idx ON pending_statuses (created_at) WHERE forwarded_at IS NULL;
SELECT liora_isolate_by_tenant('pending_statuses');
-- the webhook stores statuses of many tenants at once; the forwarder claims them for all tenants
SELECT liora_allow_cross_tenant('pending_statuses', 'SELECT, INSERT, UPDATE');
