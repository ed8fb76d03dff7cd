-- Messages claimed by the transaction that stores them (webhook.InboxService, processing.ImmediateTurns):
-- on a replica that runs the workers, a customer's message that is their only pending one is
-- stored already claimed, with the lease a round's claim gives, and answered by that replica as
-- soon as the webhook's transaction commits: no notification, no round, no claim transaction. A
-- message whose contact has another pending one is stored unclaimed and left to the rounds, in
-- order. p_claim_secs is the lease (null: claim nothing); the function also answers the message's
-- id and whether it claimed it.
DROP FUNCTION liora_store_inbound(uuid, boolean, text, text, text, text, text, text, text, text, text, text, text,
                                  text, jsonb, text, text, timestamptz, text, text, text, text, timestamptz);
CREATE FUNCTION liora_store_inbound(p_cliente uuid, p_resolve boolean, p_phone_hash text, p_bsuid_hash text,
                                    p_phone text, p_bsuid text, p_parent text, p_username text, p_name text,
                                    p_previous_phone text, p_previous_bsuid text, p_wamid text, p_number text,
                                    p_type text, p_message jsonb, p_original text, p_anomalies text,
                                    p_sent_at timestamptz, p_status text, p_reason text, p_media_id text,
                                    p_media_type text, p_media_expires_at timestamptz, p_claim_secs double precision,
                                    OUT stored text, OUT message_id uuid, OUT claimed boolean)
    LANGUAGE plpgsql
AS $$
DECLARE
    erased   boolean;
    sender   uuid;
    claim    boolean := false;
BEGIN
    claimed := false;
    SELECT exists (SELECT 1 FROM contact_tombstones t
                   WHERE t.cliente_id = p_cliente AND t.identifier_hash IN (p_phone_hash, p_bsuid_hash)
                     AND t.erased_at >= p_sent_at)
    INTO erased;
    IF erased THEN
        stored := 'erased';
        RETURN;
    END IF;
    IF p_resolve THEN
        UPDATE contact_tombstones SET returned_at = p_sent_at, updated_at = now()
        WHERE cliente_id = p_cliente AND identifier_hash IN (p_phone_hash, p_bsuid_hash)
          AND erased_at < p_sent_at AND returned_at IS NULL;
        sender := liora_contact_for(p_cliente, p_phone, p_bsuid, p_parent, p_username, p_name,
                                    p_previous_phone, p_previous_bsuid);
    END IF;
    IF p_claim_secs IS NOT NULL AND p_status = 'pending' AND sender IS NOT NULL THEN
        -- one storing transaction at a time per contact decides (a concurrent one, on another
        -- replica or the one-by-one path, waits for this commit and then sees this message)
        PERFORM pg_advisory_xact_lock(hashtext('liora_inbox_contact'), hashtext(sender::text));
        claim := NOT EXISTS (SELECT 1 FROM inbound_messages
                             WHERE cliente_id = p_cliente AND contact_id = sender AND status = 'pending');
    END IF;
    INSERT INTO inbound_messages (id, wamid, cliente_id, phone_number_id, msisdn, profile_name, message_type,
                                  message, original, anomalies, sent_at, status, reason, contact_id,
                                  media_id, media_mime_type, media_expires_at, claimed_until, attempts)
    VALUES (gen_random_uuid(), p_wamid, p_cliente, p_number, p_phone, p_name, p_type, p_message, p_original,
            p_anomalies, p_sent_at,
            CASE WHEN p_status = 'pending' AND sender IS NULL THEN 'unattributable' ELSE p_status END,
            CASE WHEN p_status = 'pending' AND sender IS NULL
                 THEN 'no identifier of the customer (from, user_id, wa_id)' ELSE p_reason END,
            sender, p_media_id, p_media_type, p_media_expires_at,
            CASE WHEN claim THEN now() + make_interval(secs => p_claim_secs) END, CASE WHEN claim THEN 1 ELSE 0 END)
    ON CONFLICT (phone_number_id, wamid) DO NOTHING
    RETURNING status, id INTO stored, message_id;
    claimed := claim AND message_id IS NOT NULL; -- a duplicate claims nothing
    stored := coalesce(stored, 'duplicate');
END
$$;

-- Only messages left for the rounds wake them: one claimed at storing is already being answered.
CREATE OR REPLACE FUNCTION liora_notify_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM added WHERE status = 'pending' AND claimed_until IS NULL) THEN
        PERFORM pg_notify('liora_inbox', '');
    END IF;
    RETURN NULL;
END
$$;
