-- 0004: edited posts are one post.
--
-- A post with a URL is identified by its canonical URL, kind and parent URL (CanonicalURL
-- in VigieFeeds: lower-case scheme and host, no default port, fragment or tracking
-- parameters, but comments and pingbacks keep their fragment, #comment-12). A re-import
-- or re-fetch with changed content updates the post in place, keeps the text it replaces
-- in post_revisions, and queues the post again for every live classifier version. The
-- worker then moves its rollup contribution from the old classification to the new one
-- in one transaction. The content fingerprint stays unique,
-- so the same text under two URLs (or none) is still one post.

ALTER TABLE posts
    ADD COLUMN canonical_url text,
    -- 1 for the first version of the content, +1 at each edit.
    ADD COLUMN revision      integer NOT NULL DEFAULT 1,
    ADD COLUMN revised_at    timestamptz;

-- Posts stored before this migration are identified by their URL as it was stored: the
-- canonical form is computed by vigie, not by SQL. Where several share a URL, kind and
-- parent, the oldest takes it and the others keep none (their fingerprint identifies them).
UPDATE posts p SET canonical_url = p.url
WHERE p.url IS NOT NULL
  AND p.id = (SELECT min(q.id) FROM posts q
              WHERE q.url = p.url AND q.kind = p.kind
                AND COALESCE(q.parent_url, '') = COALESCE(p.parent_url, ''));

-- The parent tells apart the pingbacks one page sends to two posts. NULL canonical URLs
-- are distinct: posts without a URL never conflict here.
CREATE UNIQUE INDEX posts_identity_key ON posts (canonical_url, kind, COALESCE(parent_url, ''));

-- The content an edit replaced: one row per earlier revision.
CREATE TABLE post_revisions (
    post_id      bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    revision     integer NOT NULL,
    title        text,
    author       text,
    lang         text,
    body         text NOT NULL,
    fingerprint  text NOT NULL,
    -- When this revision stopped being the current one.
    replaced_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (post_id, revision)
);
