-- Bitly links made for a tenant, one per final long URL (UTM included), so a link is made once.
CREATE TABLE short_links (
    id            uuid PRIMARY KEY,
    cliente_id    uuid          NOT NULL,
    long_url_hash char(64)      NOT NULL,
    long_url      varchar(4096) NOT NULL,
    short_url     varchar(255)  NOT NULL,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (cliente_id, long_url_hash)
);
SELECT liora_isolate_by_tenant('short_links');

-- Intent-fallback calls per tenant and day, for the daily cap.
CREATE TABLE nlp_usage (
    id         uuid PRIMARY KEY,
    cliente_id uuid        NOT NULL,
    day        date        NOT NULL,
    calls      integer     NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (cliente_id, day)
);
SELECT liora_isolate_by_tenant('nlp_usage');
