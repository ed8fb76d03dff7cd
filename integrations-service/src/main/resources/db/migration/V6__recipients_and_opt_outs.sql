-- Recipients may be a business-scoped user id (a username-only customer has no phone), and
-- messages name the contact they are for, so opt-outs can be enforced.
ALTER TABLE outbound_messages ALTER COLUMN recipient TYPE varchar(160);
ALTER TABLE outbound_messages ADD COLUMN contact_id uuid;

-- Contacts who asked to receive nothing more. Checked before every message is queued; only the
-- confirmation of the opt-out itself (its idempotency key) still goes out.
CREATE TABLE opt_outs (
    id               uuid PRIMARY KEY,
    cliente_id       uuid         NOT NULL,
    contact_id       uuid         NOT NULL,
    phone            varchar(30),
    bsuid            varchar(160),
    confirmation_key varchar(200),
    opted_out_at     timestamptz  NOT NULL DEFAULT now(),
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (cliente_id, contact_id)
);
CREATE INDEX opt_outs_cliente_id_idx ON opt_outs (cliente_id);
CREATE INDEX opt_outs_phone_idx ON opt_outs (cliente_id, phone) WHERE phone IS NOT NULL;
CREATE INDEX opt_outs_bsuid_idx ON opt_outs (cliente_id, bsuid) WHERE bsuid IS NOT NULL;
SELECT liora_isolate_by_tenant('opt_outs');
