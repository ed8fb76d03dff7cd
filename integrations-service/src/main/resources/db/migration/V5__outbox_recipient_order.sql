-- Senders claim only the oldest queued message of each recipient (replies stay in order, also
-- when one waits for a retry): find a recipient's queued messages by number, recipient and age.
CREATE INDEX outbound_messages_recipient_queue_idx ON outbound_messages (phone_number_id, recipient, created_at, id)
    WHERE status = 'queued';
