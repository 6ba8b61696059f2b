-- Posts a classifier version could not classify. A batch that fails every time is split
-- until the failing post is found (see ClassifyWorker); that post leaves the queue and
-- waits here with its error and the number of attempts, so the queue moves on.
-- `vigie classify --status` lists them; `vigie classify --retry-failed` queues them again.
CREATE TABLE classify_failures (
    classifier_version  text NOT NULL REFERENCES classifier_versions (version) ON DELETE CASCADE,
    post_id             bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    error               text NOT NULL,
    attempts            integer NOT NULL CHECK (attempts >= 1),
    first_failed_at     timestamptz NOT NULL DEFAULT now(),
    last_failed_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (classifier_version, post_id)
);
