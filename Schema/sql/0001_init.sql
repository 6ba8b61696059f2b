-- 0001: the first Vigie schema.
--
-- PostgreSQL is the system of record and the only coordination point between
-- processes: every queue here is a table read with FOR UPDATE SKIP LOCKED, and
-- every counter is updated in the same transaction as the rows it counts.

-- Where posts come from: a blog, a feed, an imported file, a generator.
CREATE TABLE sources (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    kind        text NOT NULL DEFAULT 'file'
                CHECK (kind IN ('file', 'feed', 'synthetic', 'sample')),
    url         text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per distinct post, comment or pingback.
--
-- fingerprint is a digest of the normalised content (see ContentFingerprint):
-- the same post seen twice, from a re-import or another feed, is stored once.
-- Posts are not partitioned: a partitioned table cannot keep a unique index on
-- fingerprint alone. Retention deletes in batches through posts_published_idx.
CREATE TABLE posts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id     bigint NOT NULL REFERENCES sources (id),
    kind          text NOT NULL CHECK (kind IN ('post', 'comment', 'pingback')),
    url           text,
    parent_url    text,
    -- Filled when the parent is known; comments may arrive before their post.
    parent_id     bigint REFERENCES posts (id) ON DELETE SET NULL,
    title         text,
    author        text,
    lang          text,
    body          text NOT NULL,
    published_at  timestamptz,
    collected_at  timestamptz NOT NULL DEFAULT now(),
    fingerprint   text NOT NULL,
    CONSTRAINT posts_fingerprint_key UNIQUE (fingerprint)
);
CREATE INDEX posts_url_idx ON posts (url) WHERE url IS NOT NULL;
CREATE INDEX posts_orphans_idx ON posts (parent_url) WHERE parent_id IS NULL AND parent_url IS NOT NULL;
CREATE INDEX posts_published_idx ON posts (published_at);
CREATE INDEX posts_parent_idx ON posts (parent_id) WHERE parent_id IS NOT NULL;

-- Monitored brands. name is unique whatever its case.
CREATE TABLE brands (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    query       text NOT NULL,
    aliases     text[] NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX brands_name_key ON brands (lower(name));

-- Classifier versions. At most one is active: the trend API reads its rollups.
-- A new version backfills every post in the background while the active one
-- keeps serving, then takes over in one transaction (see ClassificationStore).
-- Retired versions get no new work; their rows stay until retention drops them.
CREATE TABLE classifier_versions (
    version       text PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    activated_at  timestamptz,
    retired_at    timestamptz
);
CREATE UNIQUE INDEX classifier_versions_one_active ON classifier_versions ((true))
    WHERE activated_at IS NOT NULL AND retired_at IS NULL;

-- Work for classifiers: one row per post and live classifier version. Import
-- queues each new post for every live version; a new version queues every
-- stored post. Workers lease rows with FOR UPDATE SKIP LOCKED and delete them
-- in the transaction that writes the classification and the rollups, so a
-- crash leaves the row queued and a commit removes it: each post is counted
-- exactly once per version.
CREATE TABLE classify_queue (
    classifier_version  text NOT NULL REFERENCES classifier_versions (version) ON DELETE CASCADE,
    post_id             bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    enqueued_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (classifier_version, post_id)
);
CREATE INDEX classify_queue_post_idx ON classify_queue (post_id);

-- One classification per post and classifier version.
CREATE TABLE classifications (
    post_id             bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    classifier_version  text NOT NULL REFERENCES classifier_versions (version),
    lang                text NOT NULL,
    sentiment           text NOT NULL CHECK (sentiment IN ('negative', 'neutral', 'positive')),
    score               real NOT NULL CHECK (score BETWEEN -1 AND 1),
    categories          text[] NOT NULL DEFAULT '{}',
    classified_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (post_id, classifier_version)
);

-- Brand mentions found by a classifier version.
CREATE TABLE post_brands (
    post_id             bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    brand_id            bigint NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    classifier_version  text NOT NULL,
    PRIMARY KEY (post_id, brand_id, classifier_version)
);
CREATE INDEX post_brands_brand_idx ON post_brands (brand_id, classifier_version);

-- Hourly counts per brand, the only table trend queries read.
-- bucket is the hour (UTC) of the post's publication, or of its collection
-- when the post carries no date. score_sum / posts is the mean sentiment.
CREATE TABLE brand_hourly (
    brand_id            bigint NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    classifier_version  text NOT NULL,
    bucket              timestamptz NOT NULL,
    kind                text NOT NULL,
    lang                text NOT NULL,
    posts               integer NOT NULL DEFAULT 0,
    negative            integer NOT NULL DEFAULT 0,
    neutral             integer NOT NULL DEFAULT 0,
    positive            integer NOT NULL DEFAULT 0,
    score_sum           double precision NOT NULL DEFAULT 0,
    PRIMARY KEY (brand_id, classifier_version, bucket, kind, lang)
);

-- Hourly counts per governance category, over all posts and per brand.
-- brand_id 0 stands for "all posts" (a primary key column cannot be NULL);
-- it is not a brand, hence no foreign key.
CREATE TABLE category_hourly (
    category            text NOT NULL,
    brand_id            bigint NOT NULL,
    classifier_version  text NOT NULL,
    bucket              timestamptz NOT NULL,
    lang                text NOT NULL,
    posts               integer NOT NULL DEFAULT 0,
    negative            integer NOT NULL DEFAULT 0,
    neutral             integer NOT NULL DEFAULT 0,
    positive            integer NOT NULL DEFAULT 0,
    PRIMARY KEY (category, brand_id, classifier_version, bucket, lang)
);
CREATE INDEX category_hourly_brand_idx ON category_hourly (brand_id, classifier_version, bucket);

-- API tokens. Only a SHA-256 digest of each token is kept.
CREATE TABLE api_tokens (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    role        text NOT NULL CHECK (role IN ('reader', 'steward', 'admin')),
    token_hash  bytea NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
