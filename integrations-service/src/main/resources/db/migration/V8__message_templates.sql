-- Message templates of each tenant's WhatsApp Business Accounts: what Meta accepts outside the
-- 24-hour customer-service window. Kept as submitted, with Meta's id, status, quality and category
-- as its answers and webhooks report them.
CREATE TABLE message_templates (
    id               uuid PRIMARY KEY,
    cliente_id       uuid         NOT NULL,
    waba_id          varchar(100) NOT NULL,
    -- the number whose credentials reach the account (a tenant's number on that WABA)
    phone_number_id  varchar(100) NOT NULL,
    name             varchar(512) NOT NULL,
    language         varchar(15)  NOT NULL,
    category         varchar(20)  NOT NULL,
    -- Meta's components as JSON text (an array: the reactive driver maps jsonb to objects only)
    components       text         NOT NULL,
    meta_template_id varchar(100),
    -- Meta's: PENDING until it decides, then APPROVED, REJECTED, PAUSED, DISABLED, ...
    status           varchar(30)  NOT NULL DEFAULT 'PENDING',
    reason           text,
    quality          varchar(20),
    status_at        timestamptz  NOT NULL DEFAULT now(),
    created_by       varchar(200),
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (cliente_id, waba_id, name, language)
);
CREATE INDEX message_templates_cliente_idx ON message_templates (cliente_id, name, language);
-- Meta's template webhooks name the account, not the tenant
CREATE INDEX message_templates_waba_idx ON message_templates (waba_id, name, language);
SELECT liora_isolate_by_tenant('message_templates');
SELECT liora_allow_cross_tenant('message_templates', 'SELECT, UPDATE');
