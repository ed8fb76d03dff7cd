-- An optional monthly cap per tenant on billable messages (templates), and each month's count of
-- billable messages queued. The count is reserved when a billable message is queued, by one
-- conditional upsert, so the cap holds exactly across replicas.
CREATE TABLE usage_caps (
    cliente_id       uuid PRIMARY KEY,
    monthly_billable integer      NOT NULL CHECK (monthly_billable >= 0),
    updated_by       varchar(200),
    updated_at       timestamptz  NOT NULL DEFAULT now()
);
SELECT liora_isolate_by_tenant('usage_caps');

CREATE TABLE usage_months (
    cliente_id        uuid    NOT NULL,
    month             date    NOT NULL,
    billable_reserved integer NOT NULL,
    PRIMARY KEY (cliente_id, month)
);
SELECT liora_isolate_by_tenant('usage_months');
