-- Failed logins are counted per account in a sliding window; see LoginService.
ALTER TABLE usuarios
    ADD COLUMN failed_logins            integer NOT NULL DEFAULT 0,
    ADD COLUMN failed_window_started_at timestamptz;
