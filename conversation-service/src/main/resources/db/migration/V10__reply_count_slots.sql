-- A tenant's replies of the current second are counted in 16 slots instead of one row: every turn
-- that answers reserves its replies in the count, and with one row per second the tenant's turns
-- queued on its lock (6 ms a turn at 80 messages/s). A turn picks a slot at random; the cap sums
-- them all, and each slot's old seconds are pruned by the turns that use it.
ALTER TABLE reply_counts ADD COLUMN slot smallint NOT NULL DEFAULT 0;
ALTER TABLE reply_counts DROP CONSTRAINT reply_counts_pkey;
ALTER TABLE reply_counts ADD PRIMARY KEY (cliente_id, second, slot);
