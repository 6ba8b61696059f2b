-- 0003: brand changes reach the posts already classified.
--
-- A brand added, or whose query changed, must find its mentions in every stored post
-- without reclassifying anything else. Each change queues one row per post and live
-- classifier version in brand_backfill_queue; a worker leases rows with FOR UPDATE
-- SKIP LOCKED, runs that one brand's query over the stored text, and in the same
-- transaction replaces the post's mention of the brand and moves its rollup
-- contribution (see BrandBackfill). Redoing a row gives the same result, so a row
-- queued twice (a change, then a stale worker's batch) is still counted once.

-- Bumped when a brand is added or its query changes: workers compare the revisions
-- their classifier was built with to these, reload, and queue the posts of a batch
-- they classified with a stale query (ClassifyQueue.classifyBatch).
CREATE SEQUENCE brand_revisions;
ALTER TABLE brands ADD COLUMN revision bigint NOT NULL DEFAULT nextval('brand_revisions');

CREATE TABLE brand_backfill_queue (
    classifier_version  text NOT NULL REFERENCES classifier_versions (version) ON DELETE CASCADE,
    post_id             bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    brand_id            bigint NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    enqueued_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (classifier_version, post_id, brand_id)
);
CREATE INDEX brand_backfill_queue_brand_idx ON brand_backfill_queue (brand_id);
CREATE INDEX brand_backfill_queue_post_idx ON brand_backfill_queue (post_id);
