-- Why a message got no answer when it got none (outside the 24-hour window, no-match backoff).
ALTER TABLE conversation_log ADD COLUMN note varchar(100);
