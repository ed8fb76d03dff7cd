-- A grant makes, refills and takes from a number's bucket in one statement (RateGovernor): the
-- tokens it took are kept on the row so that the statement can answer them.
ALTER TABLE send_rates ADD COLUMN granted integer NOT NULL DEFAULT 0;
-- Replies are also claimed by the tenant's own transaction that queues them (ImmediateSends), under
-- the number's rate. A bucket holds no tenant's data (a number's rate and tokens), so it has no
-- row-level policy; the tenant path may take tokens as the cross-tenant sender does.
GRANT SELECT, INSERT, UPDATE ON send_rates TO ${app_role};
