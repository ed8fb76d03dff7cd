-- Failed logins counted per (account, source) and per source, not per account: an attacker's
-- tries block the attacker's address, never the owner elsewhere, and an unknown e-mail counts
-- exactly like a known one, so the answers never tell whether an account exists. Keys are SHA-256
-- of what they count (no e-mail or address stored in clear); rows past their window are removed
-- as new failures come. Platform data, no tenant: the login path (cross-tenant role) uses it alone.
CREATE TABLE login_failures (
    throttle_key      char(64)    PRIMARY KEY,
    failures          integer     NOT NULL,
    window_started_at timestamptz NOT NULL
);
CREATE INDEX login_failures_window_idx ON login_failures (window_started_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON login_failures TO ${cross_tenant_role};

ALTER TABLE usuarios DROP COLUMN failed_logins, DROP COLUMN failed_window_started_at;
