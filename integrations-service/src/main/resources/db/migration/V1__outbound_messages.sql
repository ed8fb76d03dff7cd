-- The WhatsApp outbox: every message to send, kept until Meta has it, with its delivery status.

CREATE TABLE outbound_messages (
    id              uuid PRIMARY KEY,
    cliente_id      uuid         NOT NULL,
    -- chosen by the caller; the same key for the same tenant is the same message
    idempotency_key varchar(200) NOT NULL,
    phone_number_id varchar(100),
    recipient       varchar(30)  NOT NULL,
    message_type    varchar(20)  NOT NULL,
    payload         jsonb        NOT NULL,
    status          varchar(20)  NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'sent', 'delivered', 'read', 'failed')),
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL DEFAULT now(),
    claimed_until   timestamptz,
    wamid           varchar(255) UNIQUE,
    error_code      integer,
    error_title     text,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (cliente_id, idempotency_key)
);
CREATE INDEX outbound_messages_cliente_id_idx ON outbound_messages (cliente_id, status);
CREATE INDEX outbound_messages_due_idx ON outbound_messages (next_attempt_at) WHERE status = 'queued';
SELECT liora_isolate_by_tenant('outbound_messages');
-- senders claim due messages of every tenant; statuses arrive keyed by wamid
SELECT liora_allow_cross_tenant('outbound_messages', 'SELECT, UPDATE');
