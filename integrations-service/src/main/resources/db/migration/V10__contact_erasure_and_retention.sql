-- A contact's erasure and the tenant's retention window.

-- A message still queued for an erased contact is cancelled, never sent.
ALTER TABLE outbound_messages DROP CONSTRAINT outbound_messages_status_check;
ALTER TABLE outbound_messages ADD CONSTRAINT outbound_messages_status_check
    CHECK (status IN ('queued', 'sent', 'delivered', 'read', 'failed', 'cancelled'));
-- when the message's recipient and content were removed (erasure or retention); what stays is
-- what the usage ledger needs: type, status, times, Meta's id and price
ALTER TABLE outbound_messages ADD COLUMN redacted_at timestamptz;
CREATE INDEX outbound_messages_retention_idx ON outbound_messages (cliente_id, created_at) WHERE redacted_at IS NULL;

-- An erased contact stays on the suppression list by its id alone (a random UUID, no personal
-- data): nothing can be queued for it again, whoever asks.
ALTER TABLE opt_outs ADD COLUMN erased_at timestamptz;
