-- 0007: collected sources, their leases and health; suppressions.
--
-- A collector claims a due source with a short UPDATE that sets a lease (lease_owner,
-- lease_until), fetches outside any transaction, then stores the posts and the fetch's
-- outcome in a second transaction that clears the lease only where it still holds it.
-- A worker killed mid-fetch leaves its lease to expire; any worker's rescuer then returns
-- the source to the pool (River's JobGetAvailable and job rescuer, in one table).

ALTER TABLE sources DROP CONSTRAINT sources_kind_check;
ALTER TABLE sources ADD CONSTRAINT sources_kind_check
    CHECK (kind IN ('file', 'feed', 'synthetic', 'sample', 'wordpress', 'blogger', 'mastodon',
                    'bluesky', 'reddit', 'hackernews'));

ALTER TABLE sources
    -- What to read at url, by kind (Source.options): hashtag, account, query, brand...
    ADD COLUMN options             jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN interval_seconds    integer NOT NULL DEFAULT 900 CHECK (interval_seconds > 0),
    ADD COLUMN paused              boolean NOT NULL DEFAULT false,
    -- Removed sources keep their posts; a removed source is never collected again.
    ADD COLUMN removed_at          timestamptz,
    -- NULL: due now (a source just added).
    ADD COLUMN next_fetch_at       timestamptz,
    ADD COLUMN lease_owner         text,
    ADD COLUMN lease_until         timestamptz,
    ADD COLUMN etag                text,
    ADD COLUMN last_modified       text,
    ADD COLUMN cursor              text,
    ADD COLUMN last_fetch_at       timestamptz,
    ADD COLUMN last_status         integer,
    ADD COLUMN consecutive_errors  integer NOT NULL DEFAULT 0,
    ADD COLUMN last_error          text,
    ADD CONSTRAINT sources_lease_whole CHECK ((lease_owner IS NULL) = (lease_until IS NULL));

-- The claim's scan: due collected sources, oldest first. Imported kinds, paused and removed
-- sources are not in it, so thousands of file sources cost the claim nothing.
CREATE INDEX sources_due_idx ON sources (next_fetch_at NULLS FIRST)
    WHERE kind NOT IN ('file', 'synthetic', 'sample') AND NOT paused AND removed_at IS NULL
      AND lease_owner IS NULL;
-- The rescuer's scan: leases held.
CREATE INDEX sources_lease_idx ON sources (lease_until) WHERE lease_owner IS NOT NULL;

-- What must never be stored (again): a post's content fingerprint, its canonical URL, or an
-- author's handle, filled by stewards after an erasure request. Every insert path checks it
-- (PostStore.insert), imports and collectors alike.
CREATE TABLE suppressions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('fingerprint', 'url', 'author')),
    value       text NOT NULL,
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text,
    CONSTRAINT suppressions_kind_value_key UNIQUE (kind, value)
);
