-- How Meta priced each outbound message, as its status webhooks report it (statuses[].pricing):
-- the usage ledger reads these columns. pricing_billable is ours: true when Meta's pricing type is
-- 'regular' (per-message pricing), or, for older payloads without a type, when it said billable.
ALTER TABLE outbound_messages ADD COLUMN pricing_billable boolean;
ALTER TABLE outbound_messages ADD COLUMN pricing_model    varchar(20);
ALTER TABLE outbound_messages ADD COLUMN pricing_category varchar(40);
ALTER TABLE outbound_messages ADD COLUMN pricing_type     varchar(40);
-- when the first status with pricing came (Meta bills on delivery); the ledger's day
ALTER TABLE outbound_messages ADD COLUMN priced_at        timestamptz;
CREATE INDEX outbound_messages_priced_idx ON outbound_messages (cliente_id, priced_at) WHERE priced_at IS NOT NULL;
