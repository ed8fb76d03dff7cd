-- The rate governor: one token bucket per sending number, shared by every replica (the claim
-- locks the number's row, so the ceiling holds however many senders run). Not tenant data: only
-- the cross-tenant sender role may touch it.
CREATE TABLE send_rates (
    phone_number_id varchar(100)     PRIMARY KEY,
    -- messages per second now (AIMD: halved on 130429, +1 per clean second up to the ceiling)
    rate            double precision NOT NULL,
    ceiling         double precision NOT NULL,
    tokens          double precision NOT NULL,
    refilled_at     timestamptz      NOT NULL DEFAULT now(),
    clean_since     timestamptz      NOT NULL DEFAULT now(),
    created_at      timestamptz      NOT NULL DEFAULT now(),
    updated_at      timestamptz      NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON send_rates TO ${cross_tenant_role};
