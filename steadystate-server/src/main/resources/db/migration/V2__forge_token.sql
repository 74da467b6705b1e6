-- The user's latest forge access token (the one their identity provider handed out at login), which the
-- server pushes a session's branch with when someone publishes it. Sealed with AES-256-GCM under a key
-- kept in the data dir (forge-token.key), never in the database: the table alone reveals no token.
ALTER TABLE users ADD COLUMN IF NOT EXISTS forge_token_sealed VARCHAR(16384);
