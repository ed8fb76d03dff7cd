-- Tokens issued before a staff user's role, state or password changed, or before the user was
-- deleted, stop working: tenant-service checks this table on every staff request, and publishes
-- the recent rows (hashed) at /.well-known/liora-revocations for the other services, which fetch
-- it every few seconds. Rows older than a token's lifetime no longer matter and are removed.
CREATE TABLE token_revocations (
    id             uuid PRIMARY KEY,
    cliente_id     uuid        NOT NULL,
    usuario_id     uuid        NOT NULL,
    -- role | deactivated | deleted | password
    reason         varchar(20) NOT NULL,
    -- tokens issued (iat) before this instant are refused
    revoked_before timestamptz NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX token_revocations_usuario_idx ON token_revocations (usuario_id, revoked_before);
CREATE INDEX token_revocations_recent_idx ON token_revocations (revoked_before);
SELECT liora_isolate_by_tenant('token_revocations');
-- the public feed lists every tenant's recent revocations (as hashes)
SELECT liora_allow_cross_tenant('token_revocations', 'SELECT, DELETE');
