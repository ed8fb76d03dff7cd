-- The tenant's reply cap counts replies per second instead of counting the log's last minute for
-- every message (work that grew with the rate): at most 60 rows are summed, and rows older than
-- two minutes are removed as new ones come.
CREATE TABLE reply_counts (
    cliente_id uuid        NOT NULL,
    second     timestamptz NOT NULL,
    replies    integer     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cliente_id, second)
);
SELECT liora_isolate_by_tenant('reply_counts');
