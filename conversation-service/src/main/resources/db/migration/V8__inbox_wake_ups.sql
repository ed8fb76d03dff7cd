-- Messages stored by one replica wake the inbox's workers on every replica, whichever stored them
-- (a webhook replica runs no workers): one empty notification per statement that added rows, sent
-- at its commit (InboxWakeUps listens). The workers' timer stays as the net under a lost connection.
CREATE FUNCTION liora_notify_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM added) THEN
        PERFORM pg_notify('liora_inbox', '');
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER inbound_messages_wake AFTER INSERT ON inbound_messages
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION liora_notify_inbox();
