-- Every outbox insert and status change wrote two identical indexes: outbound_messages_due_idx (V1)
-- and outbound_messages_claimable_idx (V2) are both (next_attempt_at) WHERE status = 'queued'.
-- (cliente_id, status) served nothing the unique (cliente_id, idempotency_key) and the retention
-- index (cliente_id, created_at) do not, and every status change rewrote it.
DROP INDEX outbound_messages_due_idx;
DROP INDEX outbound_messages_cliente_id_idx;
