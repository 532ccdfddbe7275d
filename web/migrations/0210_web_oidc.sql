-- OIDC sign-in state (web/auth/oidcLogins.ts, web/auth/oidcAccounts.ts): authentication
-- state like web.sessions, not tenant data.

-- One row per sign-in under way: created when the browser is sent to the provider, deleted
-- (DELETE ... RETURNING) by the callback that uses it, so a state works once. The browser
-- holds the state in a signed cookie as well, so a callback URL opened in another browser
-- (login CSRF) finds no match. Only the state's SHA-256 is stored; the nonce and the PKCE
-- verifier live here for at most ten minutes and are useless without the provider's code.
CREATE TABLE web.oidc_logins (
  state_hash text PRIMARY KEY CHECK (state_hash ~ '^[0-9a-f]{64}$'),
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  -- Same-site path to open after sign-in.
  next_path text NOT NULL CHECK (next_path LIKE '/%'),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_logins_expiry ON web.oidc_logins (expires_at);
GRANT SELECT, INSERT, DELETE ON web.oidc_logins TO navcast_app;

-- Which provider subject signed in as which user. Recorded at a user's first OIDC sign-in;
-- afterwards the same (issuer, subject) must map to the same user and the user to the same
-- subject, so an identity-provider account re-created with a colleague's old address does
-- not inherit their NAVcast account.
CREATE TABLE web.oidc_identities (
  issuer text NOT NULL,
  subject text NOT NULL,
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  -- The provider's user name (cognito:username), for operators reading this table.
  username text,
  first_seen_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  PRIMARY KEY (issuer, subject),
  UNIQUE (issuer, tenant_id, user_id)
);
GRANT SELECT, INSERT, UPDATE ON web.oidc_identities TO navcast_app;
