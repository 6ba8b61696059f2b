-- API tokens: unique names among live tokens, expiry, last use.
-- The digest is now computed by the client (SHA-256 of the token's UTF-8 bytes, the same
-- value the server computed before), so existing tokens stay valid.

ALTER TABLE api_tokens
    ADD COLUMN expires_at   timestamptz,
    ADD COLUMN last_used_at timestamptz;

-- Earlier versions allowed several live tokens with one name (`vigie demo` added one per
-- run): all but the newest get their id appended, so that each stays revocable by name.
UPDATE api_tokens t SET name = t.name || '-' || t.id
WHERE t.revoked_at IS NULL
  AND EXISTS (SELECT 1 FROM api_tokens n
              WHERE n.name = t.name AND n.revoked_at IS NULL AND n.id > t.id);

-- A revoked token's name may be given again.
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_at IS NULL;
