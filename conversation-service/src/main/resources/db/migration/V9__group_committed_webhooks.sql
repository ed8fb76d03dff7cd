-- Concurrent webhooks are stored together (webhook.InboxService, DeliveryRows): one transaction and one
-- statement for all their messages, one for all their statuses. A message's storing is this
-- function, called once per row of that statement and by the one-by-one path alike: the contact is
-- found or created first; a message of an erased person sent before the erasure (Meta's late
-- retry) is dropped, neither the message nor the contact comes back; one sent after it is a new
-- conversation and marks the person's return on the tombstone. Answers the stored status, or
-- 'duplicate' or 'erased'. (Each call sees what the earlier calls of the same statement stored: a
-- new customer's two messages in one batch make one contact.)
CREATE FUNCTION liora_store_inbound(p_cliente uuid, p_resolve boolean, p_phone_hash text, p_bsuid_hash text,
                                    p_phone text, p_bsuid text, p_parent text, p_username text, p_name text,
                                    p_previous_phone text, p_previous_bsuid text, p_wamid text, p_number text,
                                    p_type text, p_message jsonb, p_original text, p_anomalies text,
                                    p_sent_at timestamptz, p_status text, p_reason text, p_media_id text,
                                    p_media_type text, p_media_expires_at timestamptz) RETURNS text
    LANGUAGE plpgsql
AS $$
DECLARE
    erased   boolean;
    sender   uuid;
    stored   text;
BEGIN
    SELECT exists (SELECT 1 FROM contact_tombstones t
                   WHERE t.cliente_id = p_cliente AND t.identifier_hash IN (p_phone_hash, p_bsuid_hash)
                     AND t.erased_at >= p_sent_at)
    INTO erased;
    IF erased THEN
        RETURN 'erased';
    END IF;
    IF p_resolve THEN
        UPDATE contact_tombstones SET returned_at = p_sent_at, updated_at = now()
        WHERE cliente_id = p_cliente AND identifier_hash IN (p_phone_hash, p_bsuid_hash)
          AND erased_at < p_sent_at AND returned_at IS NULL;
        sender := liora_contact_for(p_cliente, p_phone, p_bsuid, p_parent, p_username, p_name,
                                    p_previous_phone, p_previous_bsuid);
    END IF;
    INSERT INTO inbound_messages (id, wamid, cliente_id, phone_number_id, msisdn, profile_name, message_type,
                                  message, original, anomalies, sent_at, status, reason, contact_id,
                                  media_id, media_mime_type, media_expires_at)
    VALUES (gen_random_uuid(), p_wamid, p_cliente, p_number, p_phone, p_name, p_type, p_message, p_original,
            p_anomalies, p_sent_at,
            CASE WHEN p_status = 'pending' AND sender IS NULL THEN 'unattributable' ELSE p_status END,
            CASE WHEN p_status = 'pending' AND sender IS NULL
                 THEN 'no identifier of the customer (from, user_id, wa_id)' ELSE p_reason END,
            sender, p_media_id, p_media_type, p_media_expires_at)
    ON CONFLICT (phone_number_id, wamid) DO NOTHING
    RETURNING status INTO stored;
    RETURN coalesce(stored, 'duplicate');
END
$$;
