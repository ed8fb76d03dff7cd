-- What search reads: one row per item of each snapshot, with its text normalised for matching
-- (lower case, no accents), filled from the snapshot in one statement at publish time.
CREATE TABLE catalog_items (
    id          uuid PRIMARY KEY,
    cliente_id  uuid           NOT NULL,
    snapshot_id uuid           NOT NULL REFERENCES catalog_snapshot (id) ON DELETE CASCADE,
    sku         varchar(64)    NOT NULL,
    nombre      varchar(200)   NOT NULL,
    descripcion varchar(2000),
    precio      numeric(14, 4) NOT NULL,
    moneda      char(3)        NOT NULL,
    url         varchar(2048)  NOT NULL,
    imagen_url  varchar(2048),
    categoria   varchar(100),
    stock       integer,
    nombre_norm text           NOT NULL,
    categoria_norm text,
    search_text text           NOT NULL,
    created_at  timestamptz    NOT NULL DEFAULT now(),
    updated_at  timestamptz    NOT NULL DEFAULT now(),
    UNIQUE (snapshot_id, sku)
);
CREATE INDEX catalog_items_cliente_id_idx ON catalog_items (cliente_id);
CREATE INDEX catalog_items_category_idx ON catalog_items (snapshot_id, categoria_norm);
SELECT liora_isolate_by_tenant('catalog_items');

-- A tenant's publishing secret (AES-GCM ciphertext), and the previous one during a rotation.
CREATE TABLE catalog_secrets (
    id                      uuid PRIMARY KEY,
    cliente_id              uuid        NOT NULL UNIQUE,
    secret                  text        NOT NULL,
    secret_key_id           varchar(50) NOT NULL,
    previous_secret         text,
    previous_secret_key_id  varchar(50),
    previous_valid_until    timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);
SELECT liora_isolate_by_tenant('catalog_secrets');

-- Signatures already used, so a captured publish cannot be replayed; kept past their validity.
CREATE TABLE used_signatures (
    id         uuid PRIMARY KEY,
    cliente_id uuid        NOT NULL,
    signature  char(64)    NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (cliente_id, signature)
);
CREATE INDEX used_signatures_expires_idx ON used_signatures (expires_at);
SELECT liora_isolate_by_tenant('used_signatures');
