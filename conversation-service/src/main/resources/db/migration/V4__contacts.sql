-- Contacts: a tenant's customer, found by whichever identifier Meta's webhook carries (phone,
-- business-scoped user id, or the previous ones of a system message), so that a customer who hides
-- the phone behind a username, or changes number, stays one conversation. The inbox, the state and
-- the log key on the contact, not on the phone.

CREATE TABLE contacts (
    id           uuid PRIMARY KEY,
    cliente_id   uuid         NOT NULL,
    -- wa_id / from; NULL for a username-only customer
    phone        varchar(30),
    -- business-scoped user id (user_id, e.g. CL.1502576394655843), stable per business portfolio
    bsuid        varchar(160),
    parent_bsuid varchar(160),
    username     varchar(100),
    profile_name varchar(255),
    -- set when a later webhook showed two contacts to be one person: this row is kept for the ids
    -- that still name it (old log rows), everything else lives on the contact it points to
    merged_into  uuid REFERENCES contacts (id),
    opted_out_at timestamptz,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX contacts_cliente_id_idx ON contacts (cliente_id);
CREATE UNIQUE INDEX contacts_phone_key ON contacts (cliente_id, phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX contacts_bsuid_key ON contacts (cliente_id, bsuid) WHERE bsuid IS NOT NULL;
CREATE INDEX contacts_username_idx ON contacts (cliente_id, username) WHERE username IS NOT NULL;
CREATE INDEX contacts_merged_into_idx ON contacts (merged_into) WHERE merged_into IS NOT NULL;
SELECT liora_isolate_by_tenant('contacts');
-- the webhook finds or creates the sender's contact while it stores the message (cross-tenant)
SELECT liora_allow_cross_tenant('contacts', 'SELECT, INSERT, UPDATE');

-- Messages: unique per business number and wamid (two tenants' numbers may see the same wamid);
-- the contact they belong to; what did not fit our columns; media kept for an agent to fetch.
ALTER TABLE inbound_messages DROP CONSTRAINT inbound_messages_wamid_key;
ALTER TABLE inbound_messages ADD CONSTRAINT inbound_messages_number_wamid_key UNIQUE (phone_number_id, wamid);
ALTER TABLE inbound_messages ALTER COLUMN msisdn DROP NOT NULL;
ALTER TABLE inbound_messages RENAME COLUMN unroutable_reason TO reason;
ALTER TABLE inbound_messages ALTER COLUMN reason TYPE varchar(200);
ALTER TABLE inbound_messages
    ADD COLUMN contact_id       uuid,
    -- the item exactly as Meta sent it (JSON text), only when what `message` holds had to differ
    ADD COLUMN original         text,
    -- fields that did not fit and how they were kept, e.g. "profile_name cut to 255"
    ADD COLUMN anomalies        varchar(1000),
    ADD COLUMN media_id         varchar(255),
    ADD COLUMN media_mime_type  varchar(100),
    ADD COLUMN media_expires_at timestamptz;
ALTER TABLE inbound_messages DROP CONSTRAINT inbound_messages_status_check;
ALTER TABLE inbound_messages ADD CONSTRAINT inbound_messages_status_check
    CHECK (status IN ('pending', 'done', 'unroutable', 'unattributable', 'malformed', 'failed'));
DROP INDEX inbound_messages_pending_idx;
CREATE INDEX inbound_messages_pending_idx ON inbound_messages (cliente_id, contact_id, sent_at, id)
    WHERE status = 'pending';
CREATE INDEX inbound_messages_contact_idx ON inbound_messages (contact_id);

ALTER TABLE convo_state ADD COLUMN contact_id uuid;
ALTER TABLE convo_state ALTER COLUMN msisdn DROP NOT NULL;
ALTER TABLE conversation_log ADD COLUMN contact_id uuid;
ALTER TABLE conversation_log ALTER COLUMN msisdn DROP NOT NULL;

-- What was stored before contacts existed gets one contact per (tenant, phone). The owner
-- migrates, and the forced policies would hide every row from it: lifted for the backfill only.
ALTER TABLE contacts NO FORCE ROW LEVEL SECURITY;
ALTER TABLE inbound_messages NO FORCE ROW LEVEL SECURITY;
ALTER TABLE convo_state NO FORCE ROW LEVEL SECURITY;
ALTER TABLE conversation_log NO FORCE ROW LEVEL SECURITY;
INSERT INTO contacts (id, cliente_id, phone, profile_name, created_at)
SELECT gen_random_uuid(), cliente_id, msisdn, max(profile_name), min(created_at)
FROM (SELECT cliente_id, msisdn, profile_name, created_at FROM convo_state
      UNION ALL SELECT cliente_id, msisdn, profile_name, created_at FROM inbound_messages WHERE cliente_id IS NOT NULL
      UNION ALL SELECT cliente_id, msisdn, NULL, created_at FROM conversation_log) known
WHERE msisdn IS NOT NULL
GROUP BY cliente_id, msisdn;
UPDATE inbound_messages m SET contact_id = c.id FROM contacts c WHERE c.cliente_id = m.cliente_id AND c.phone = m.msisdn;
UPDATE convo_state s SET contact_id = c.id FROM contacts c WHERE c.cliente_id = s.cliente_id AND c.phone = s.msisdn;
UPDATE conversation_log l SET contact_id = c.id FROM contacts c WHERE c.cliente_id = l.cliente_id AND c.phone = l.msisdn;
ALTER TABLE contacts FORCE ROW LEVEL SECURITY;
ALTER TABLE inbound_messages FORCE ROW LEVEL SECURITY;
ALTER TABLE convo_state FORCE ROW LEVEL SECURITY;
ALTER TABLE conversation_log FORCE ROW LEVEL SECURITY;

ALTER TABLE convo_state ALTER COLUMN contact_id SET NOT NULL;
ALTER TABLE convo_state DROP CONSTRAINT convo_state_cliente_id_msisdn_key;
ALTER TABLE convo_state ADD CONSTRAINT convo_state_contact_key UNIQUE (cliente_id, contact_id);
CREATE INDEX conversation_log_contact_idx ON conversation_log (cliente_id, contact_id, created_at);

-- The sender's contact, found by any identifier given (the previous ones of a system message
-- too), created when none matches, its identifiers completed or replaced by the new ones. When the
-- identifiers name two contacts (a phone-only and a BSUID-only one, or a changed number that
-- already wrote), the oldest is kept and the others are merged into it, their messages with them.
-- A username alone is no address: it only finds a contact already known. NULL: unattributable.
-- Runs as the caller: the webhook's cross-tenant role, which may read and write contacts and
-- inbound_messages only.
CREATE FUNCTION liora_contact_for(p_cliente uuid, p_phone text, p_bsuid text, p_parent text, p_username text,
                                  p_name text, p_previous_phone text, p_previous_bsuid text) RETURNS uuid
    LANGUAGE plpgsql
AS $$
DECLARE
    matches uuid[];
    keeper  uuid;
    other   uuid;
BEGIN
    IF p_phone IS NULL AND p_bsuid IS NULL AND p_previous_phone IS NULL AND p_previous_bsuid IS NULL THEN
        IF p_username IS NULL THEN
            RETURN NULL;
        END IF;
        SELECT id INTO keeper FROM contacts
        WHERE cliente_id = p_cliente AND username = p_username AND merged_into IS NULL
        ORDER BY updated_at DESC LIMIT 1;
        RETURN keeper;
    END IF;
    FOR attempt IN 1..2 LOOP
        SELECT array_agg(id ORDER BY created_at, id) INTO matches FROM contacts
        WHERE cliente_id = p_cliente AND merged_into IS NULL
          AND (bsuid = p_bsuid OR phone = p_phone OR bsuid = p_previous_bsuid OR phone = p_previous_phone);
        EXIT WHEN matches IS NOT NULL;
        IF p_phone IS NULL AND p_bsuid IS NULL THEN
            RETURN NULL; -- only previous identifiers, and nobody had them
        END IF;
        INSERT INTO contacts (id, cliente_id, phone, bsuid, parent_bsuid, username, profile_name)
        VALUES (gen_random_uuid(), p_cliente, p_phone, p_bsuid, p_parent, p_username, p_name)
        ON CONFLICT DO NOTHING
        RETURNING id INTO keeper;
        IF keeper IS NOT NULL THEN
            RETURN keeper;
        END IF;
        -- a concurrent delivery created the contact first: look again, it is that one
    END LOOP;
    keeper := matches[1];
    FOR i IN 2..coalesce(array_length(matches, 1), 1) LOOP
        other := matches[i];
        -- what only the other knew is kept; an opt-out of either holds for the person
        UPDATE contacts k SET username = coalesce(k.username, o.username),
                              profile_name = coalesce(k.profile_name, o.profile_name),
                              parent_bsuid = coalesce(k.parent_bsuid, o.parent_bsuid),
                              opted_out_at = coalesce(k.opted_out_at, o.opted_out_at)
        FROM contacts o WHERE k.id = keeper AND o.id = other;
        UPDATE contacts SET merged_into = keeper, phone = NULL, bsuid = NULL, parent_bsuid = NULL, updated_at = now()
        WHERE id = other;
        UPDATE contacts SET merged_into = keeper, updated_at = now() WHERE merged_into = other;
        UPDATE inbound_messages SET contact_id = keeper, updated_at = now() WHERE contact_id = other;
    END LOOP;
    UPDATE contacts SET phone = coalesce(p_phone, phone), bsuid = coalesce(p_bsuid, bsuid),
                        parent_bsuid = coalesce(p_parent, parent_bsuid), username = coalesce(p_username, username),
                        profile_name = coalesce(p_name, profile_name), updated_at = now()
    WHERE id = keeper
      AND (phone IS DISTINCT FROM coalesce(p_phone, phone) OR bsuid IS DISTINCT FROM coalesce(p_bsuid, bsuid)
        OR parent_bsuid IS DISTINCT FROM coalesce(p_parent, parent_bsuid)
        OR username IS DISTINCT FROM coalesce(p_username, username)
        OR profile_name IS DISTINCT FROM coalesce(p_name, profile_name));
    RETURN keeper;
END
$$;
