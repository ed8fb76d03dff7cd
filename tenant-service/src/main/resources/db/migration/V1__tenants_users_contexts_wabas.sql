-- The seed's multi-tenant base (BASE_MULTI_TENANT.md 2.1): tenants, their staff users with a
-- 1:1 context, and their WhatsApp Business Accounts.

CREATE TABLE clientes (
    id         uuid PRIMARY KEY,
    slug       varchar(50)  NOT NULL UNIQUE,
    nombre     varchar(100) NOT NULL,
    plan       varchar(20)  NOT NULL DEFAULT 'free',
    estado     varchar(20)  NOT NULL DEFAULT 'activo' CHECK (estado IN ('activo', 'suspendido')),
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now()
);
-- a tenant sees its own row; creating and listing tenants is platform administration
SELECT liora_isolate_by_tenant('clientes', 'id');
SELECT liora_allow_cross_tenant('clientes', 'SELECT, INSERT, UPDATE');

CREATE TABLE usuarios (
    id            uuid PRIMARY KEY,
    -- NULL only for platform admins, who belong to no tenant
    cliente_id    uuid REFERENCES clientes (id) ON DELETE CASCADE,
    email         varchar(254) NOT NULL,
    password_hash varchar(200) NOT NULL,
    nombre        varchar(100),
    rol           varchar(20)  NOT NULL CHECK (rol IN ('platform_admin', 'owner', 'admin', 'agent')),
    estado        varchar(20)  NOT NULL DEFAULT 'activo' CHECK (estado IN ('activo', 'inactivo')),
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT usuarios_platform_admin_has_no_tenant CHECK ((rol = 'platform_admin') = (cliente_id IS NULL))
);
CREATE UNIQUE INDEX usuarios_email_key ON usuarios (lower(email));
CREATE INDEX usuarios_cliente_id_idx ON usuarios (cliente_id);
SELECT liora_isolate_by_tenant('usuarios');
-- login finds a user by e-mail before it knows the tenant; platform admins have no tenant
SELECT liora_allow_cross_tenant('usuarios', 'SELECT, INSERT, UPDATE');

CREATE TABLE user_contexts (
    id           uuid PRIMARY KEY,
    usuario_id   uuid         NOT NULL UNIQUE REFERENCES usuarios (id) ON DELETE CASCADE,
    cliente_id   uuid         NOT NULL REFERENCES clientes (id) ON DELETE CASCADE,
    msisdn       varchar(30),
    last_intent  varchar(50),
    slots_json   jsonb        NOT NULL DEFAULT '{}',
    context_json jsonb        NOT NULL DEFAULT '{}',
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX user_contexts_cliente_id_idx ON user_contexts (cliente_id);
SELECT liora_isolate_by_tenant('user_contexts');

CREATE TABLE waba_accounts (
    id               uuid PRIMARY KEY,
    cliente_id       uuid         NOT NULL REFERENCES clientes (id) ON DELETE CASCADE,
    waba_id          varchar(100) NOT NULL,
    -- a number belongs to one tenant only; Meta's webhooks are routed by it
    phone_number_id  varchar(100) NOT NULL UNIQUE,
    -- AES-256-GCM ciphertext of the token, never the token itself
    access_token     text         NOT NULL,
    token_key_id     varchar(50)  NOT NULL,
    token_last4      varchar(4),
    webhook_url      varchar(255),
    expiracion_token timestamptz,
    estado           varchar(20)  NOT NULL DEFAULT 'activo'
        CHECK (estado IN ('activo', 'inactivo', 'needs_reauth')),
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX waba_accounts_cliente_id_idx ON waba_accounts (cliente_id);
SELECT liora_isolate_by_tenant('waba_accounts');
-- webhooks and the sender look a number up before they know the tenant
SELECT liora_allow_cross_tenant('waba_accounts', 'SELECT, UPDATE');
