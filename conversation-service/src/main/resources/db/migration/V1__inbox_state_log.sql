-- The conversation's data: every message Meta delivered (once, by wamid), each contact's state,
-- and the log of everything said in both directions.

CREATE TABLE inbound_messages (
    id              uuid PRIMARY KEY,
    -- Meta's message id; storing by it is what makes redelivered webhooks harmless
    wamid           varchar(255) NOT NULL UNIQUE,
    -- NULL while unroutable (a number no tenant owns)
    cliente_id      uuid,
    phone_number_id varchar(100) NOT NULL,
    msisdn          varchar(30)  NOT NULL,
    profile_name    varchar(255),
    message_type    varchar(30)  NOT NULL,
    message         jsonb        NOT NULL,
    sent_at         timestamptz  NOT NULL,
    status          varchar(20)  NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'done', 'unroutable', 'failed')),
    attempts        integer      NOT NULL DEFAULT 0,
    claimed_until   timestamptz,
    processed_at    timestamptz,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX inbound_messages_cliente_id_idx ON inbound_messages (cliente_id);
CREATE INDEX inbound_messages_pending_idx ON inbound_messages (cliente_id, msisdn, sent_at) WHERE status = 'pending';
SELECT liora_isolate_by_tenant('inbound_messages');
-- the webhook stores before routing, and workers claim messages of every tenant
SELECT liora_allow_cross_tenant('inbound_messages', 'SELECT, INSERT, UPDATE');

CREATE TABLE convo_state (
    id              uuid PRIMARY KEY,
    cliente_id      uuid             NOT NULL,
    msisdn          varchar(30)      NOT NULL,
    profile_name    varchar(255),
    flow            varchar(50),
    step            varchar(50),
    slots_json      jsonb            NOT NULL DEFAULT '{}',
    last_intent     varchar(50),
    last_inbound_at timestamptz,
    -- no-match backoff (AIMD): reply rate in [1/16, 1], accumulated credit, unmatched streak
    nomatch_rate    double precision NOT NULL DEFAULT 1,
    nomatch_credit  double precision NOT NULL DEFAULT 0,
    nomatch_streak  integer          NOT NULL DEFAULT 0,
    needs_human     boolean          NOT NULL DEFAULT false,
    created_at      timestamptz      NOT NULL DEFAULT now(),
    updated_at      timestamptz      NOT NULL DEFAULT now(),
    UNIQUE (cliente_id, msisdn)
);
CREATE INDEX convo_state_cliente_id_idx ON convo_state (cliente_id);
SELECT liora_isolate_by_tenant('convo_state');

CREATE TABLE conversation_log (
    id                  uuid PRIMARY KEY,
    cliente_id          uuid        NOT NULL,
    msisdn              varchar(30) NOT NULL,
    direction           varchar(3)  NOT NULL CHECK (direction IN ('in', 'out')),
    inbound_message_id  uuid,
    wamid               varchar(255),
    message_type        varchar(30) NOT NULL,
    text                text,
    payload             jsonb,
    intent              varchar(80),
    skill               varchar(40),
    confidence          double precision,
    intent_source       varchar(20),
    latency_ms          integer,
    outbound_message_id uuid,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_log_cliente_id_idx ON conversation_log (cliente_id, created_at, id);
SELECT liora_isolate_by_tenant('conversation_log');
