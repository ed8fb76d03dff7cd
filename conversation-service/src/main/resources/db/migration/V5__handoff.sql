-- Human handoff: who holds each contact's conversation. bot: the bot answers; waiting: the contact
-- asked for a person (or the no-match backoff handed over) and the bot is silent; agent: a person
-- holds it; closed: a person gave it back (the bot answers again, and the next message makes it bot).
ALTER TABLE convo_state
    ADD COLUMN handoff              varchar(10) NOT NULL DEFAULT 'bot'
        CHECK (handoff IN ('bot', 'waiting', 'agent', 'closed')),
    -- the usuario_id of the staff user who holds it
    ADD COLUMN assigned_agent       uuid,
    ADD COLUMN handoff_at           timestamptz,
    ADD COLUMN assigned_at          timestamptz,
    ADD COLUMN first_human_reply_at timestamptz,
    -- inbound messages after this are unread for the agent
    ADD COLUMN agent_seen_at        timestamptz,
    -- a held conversation nobody touched until then goes back to the bot
    ADD COLUMN idle_release_at      timestamptz,
    -- the business number the contact last wrote to: an agent answers from it
    ADD COLUMN phone_number_id      varchar(100),
    ADD CONSTRAINT convo_state_agent_holds CHECK (handoff <> 'agent' OR assigned_agent IS NOT NULL);

ALTER TABLE convo_state NO FORCE ROW LEVEL SECURITY;
UPDATE convo_state SET handoff = 'waiting', handoff_at = updated_at WHERE needs_human;
ALTER TABLE inbound_messages NO FORCE ROW LEVEL SECURITY;
UPDATE convo_state s SET phone_number_id = (SELECT m.phone_number_id FROM inbound_messages m
                                            WHERE m.contact_id = s.contact_id ORDER BY m.sent_at DESC LIMIT 1);
ALTER TABLE inbound_messages FORCE ROW LEVEL SECURITY;
ALTER TABLE convo_state FORCE ROW LEVEL SECURITY;

-- the staff's list: newest activity first, by state
CREATE INDEX convo_state_activity_idx ON convo_state (cliente_id, updated_at DESC, contact_id DESC);
CREATE INDEX convo_state_idle_idx ON convo_state (idle_release_at) WHERE idle_release_at IS NOT NULL;

-- The idle sweep finds due conversations of every tenant: it may read these columns only (no
-- personal data), and releases each one in a transaction of its tenant.
GRANT SELECT (id, cliente_id, contact_id, handoff, idle_release_at) ON convo_state TO ${cross_tenant_role};
CREATE POLICY cross_tenant_idle ON convo_state FOR SELECT TO ${cross_tenant_role} USING (true);

-- What a person wrote: who, and the Idempotency-Key the console sent it with (once per tenant).
ALTER TABLE conversation_log
    ADD COLUMN agent_id        uuid,
    ADD COLUMN idempotency_key varchar(200);
CREATE UNIQUE INDEX conversation_log_idempotency_key ON conversation_log (cliente_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- a transcript shows each answer's delivery status: statuses carry our outbound id as callback data
CREATE INDEX pending_statuses_callback_idx ON pending_statuses (cliente_id, (item ->> 'biz_opaque_callback_data'));

-- What happened to each handoff, for the tenant's figures: asked for (by the customer or the
-- backoff), assigned, first answered by a person (after how many seconds), released (by whom).
CREATE TABLE handoff_events (
    id         uuid PRIMARY KEY,
    cliente_id uuid        NOT NULL,
    contact_id uuid        NOT NULL,
    kind       varchar(20) NOT NULL CHECK (kind IN ('requested', 'assigned', 'first_reply', 'released')),
    -- requested: asked | backoff | agent; released: agent | idle
    reason     varchar(20),
    agent_id   uuid,
    seconds    integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX handoff_events_cliente_id_idx ON handoff_events (cliente_id, created_at);
SELECT liora_isolate_by_tenant('handoff_events');

-- The transcript's order: the order rows were written (a turn writes its customer message, then
-- its answers, in one transaction, often within the same microsecond).
ALTER TABLE conversation_log ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX conversation_log_transcript_idx ON conversation_log (cliente_id, contact_id, seq);

-- The agent console's live feed. Every replica LISTENs on liora_conversation_events; what changes
-- is announced by ids only (the console reads the rest through the API, under row-level
-- security). One notification per statement and tenant (statement triggers over transition
-- tables), and PostgreSQL folds identical ones of a transaction into one.
CREATE FUNCTION liora_notify_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('liora_conversation_events', json_build_object('cliente_id', cliente_id, 'kind', 'messages',
                      'contacts', CASE WHEN count(DISTINCT contact_id) <= 100 THEN json_agg(DISTINCT contact_id) END)::text)
    FROM added WHERE contact_id IS NOT NULL GROUP BY cliente_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER conversation_log_events AFTER INSERT ON conversation_log
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION liora_notify_messages();

CREATE FUNCTION liora_notify_handoffs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('liora_conversation_events', json_build_object('cliente_id', a.cliente_id, 'kind', 'state',
                      'contacts', json_agg(DISTINCT a.contact_id))::text)
    FROM after a JOIN before b ON b.id = a.id
    WHERE a.handoff IS DISTINCT FROM b.handoff OR a.assigned_agent IS DISTINCT FROM b.assigned_agent
    GROUP BY a.cliente_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER convo_state_events AFTER UPDATE ON convo_state
    REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION liora_notify_handoffs();

CREATE FUNCTION liora_notify_statuses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('liora_conversation_events', json_build_object('cliente_id', cliente_id, 'kind', 'statuses')::text)
    FROM added GROUP BY cliente_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER pending_statuses_events AFTER INSERT ON pending_statuses
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION liora_notify_statuses();
