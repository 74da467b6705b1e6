-- The first schema. Portable SQL: runs on H2 (default mode) and PostgreSQL.
-- IF NOT EXISTS everywhere: H2 commits DDL at once, so a migration cut short there can be run again.
-- Times are TIMESTAMP WITH TIME ZONE, written and read as UTC instants (microsecond precision).

CREATE TABLE IF NOT EXISTS users (
    principal   VARCHAR(300) PRIMARY KEY,
    provider    VARCHAR(40)  NOT NULL,
    subject     VARCHAR(255) NOT NULL,
    login       VARCHAR(100) NOT NULL,
    first_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS users_login ON users (login);

-- Only the SHA-256 of a refresh token is kept, never the token.
CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_hash  VARCHAR(128) PRIMARY KEY,
    family_id   VARCHAR(128) NOT NULL,
    provider    VARCHAR(40)  NOT NULL,
    subject     VARCHAR(255) NOT NULL,
    login       VARCHAR(100) NOT NULL,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at  TIMESTAMP WITH TIME ZONE,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX IF NOT EXISTS refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_expiry ON refresh_tokens (expires_at);

-- Device-flow logins in progress. The key is the SHA-256 of the device code the client holds; the
-- provider's own device code is stored encrypted with a key derived from that client code, so the
-- server can keep polling the provider after a restart while the table alone reveals nothing usable.
CREATE TABLE IF NOT EXISTS device_flows (
    device_code_hash      VARCHAR(128)  PRIMARY KEY,
    provider              VARCHAR(40)   NOT NULL,
    provider_code_sealed  VARCHAR(4096) NOT NULL,
    user_code             VARCHAR(64)   NOT NULL,
    verification_uri      VARCHAR(2048) NOT NULL,
    expires_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    interval_seconds      INTEGER       NOT NULL,
    next_poll_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS device_flows_expiry ON device_flows (expires_at);

-- Sessions, one column per SessionInfo field; the people besides the creator are in session_members.
CREATE TABLE IF NOT EXISTS sessions (
    id                 VARCHAR(40)   PRIMARY KEY,
    creator_principal  VARCHAR(300)  NOT NULL,
    creator            VARCHAR(100)  NOT NULL,
    state              VARCHAR(20)   NOT NULL,
    mode               VARCHAR(20)   NOT NULL,
    repo_url           VARCHAR(2048) NOT NULL,
    branch             VARCHAR(255),
    compute_provider   VARCHAR(40)   NOT NULL,
    endpoint           VARCHAR(1024),
    magic_link         VARCHAR(8192),
    host_public_key    VARCHAR(8192),
    message            VARCHAR(8192),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_creator ON sessions (creator_principal);
CREATE INDEX IF NOT EXISTS sessions_state ON sessions (state);

-- role: 'allowed' or 'viewer'; seq keeps the order the creator gave.
CREATE TABLE IF NOT EXISTS session_members (
    session_id  VARCHAR(40)  NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    role        VARCHAR(10)  NOT NULL,
    login       VARCHAR(100) NOT NULL,
    seq         INTEGER      NOT NULL,
    PRIMARY KEY (session_id, role, login)
);
CREATE INDEX IF NOT EXISTS session_members_login ON session_members (login);
