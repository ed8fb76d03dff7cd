-- Two indexes every turn wrote and no query needs (issue 14): a turn inserts two or three log rows
-- and rewrites its conversation's state, and each index of those tables is written each time.
-- (cliente_id, contact_id, seq) serves what (cliente_id, contact_id, created_at) served: a contact's
-- log is found by it, and an export sorts that contact's rows; (cliente_id, contact_id) and
-- (cliente_id, updated_at, contact_id) lead with what (cliente_id) held.
DROP INDEX conversation_log_contact_idx;
DROP INDEX convo_state_cliente_id_idx;
