-- The audit trail: who did what and when among staff actions that matter (users and roles, WABA
-- tokens, policies, catalog publishes and rollbacks, contacts' exports and erasures). Facts only:
-- the actor, the tenant, what was acted on and the request's id, never the data or a secret.
-- Append-only: the application may add and read records, never change or remove them.
CREATE TABLE audit_events (
    id          uuid PRIMARY KEY,
    cliente_id  uuid         NOT NULL,
    -- the staff user (usuario_id) who acted, when a person did
    actor_id    uuid,
    -- their role then (owner, admin, agent, platform_admin), or "service" for a service's own work
    actor_role  varchar(30)  NOT NULL,
    -- the service that recorded it (tenant-service, catalog-service, conversation-service)
    service     varchar(60)  NOT NULL,
    action      varchar(60)  NOT NULL,
    target_type varchar(40)  NOT NULL,
    target_id   varchar(200),
    request_id  varchar(100),
    -- small facts about the action (the new role, which fields changed), never values of them
    detail      jsonb        NOT NULL DEFAULT '{}',
    -- when it happened in the service that did it (a forwarded record arrives later)
    occurred_at timestamptz  NOT NULL,
    -- another service's id for the record, so that a forwarded record resent is kept once
    source_key  varchar(200),
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_cliente_idx ON audit_events (cliente_id, occurred_at DESC, id DESC);
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at DESC, id DESC);
CREATE UNIQUE INDEX audit_events_source_key ON audit_events (service, source_key) WHERE source_key IS NOT NULL;
SELECT liora_isolate_by_tenant('audit_events');
REVOKE UPDATE, DELETE ON audit_events FROM ${app_role};
-- platform admins read every tenant's records and create tenants (recorded across tenants)
SELECT liora_allow_cross_tenant('audit_events', 'SELECT, INSERT');
