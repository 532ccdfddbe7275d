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
-- A tenant table, so RLS is enabled and forced; navcast_app has no privilege on it and binds
-- subjects only through web.bind_oidc_subject, which must see every tenant's rows to refuse
-- a subject already bound to a user elsewhere (runs as the owner, which bypasses RLS).
SELECT public.navcast_isolate_tenant_table('web.oidc_identities');

-- Binds (issuer, subject) to the user at a first sign-in, or refreshes last_seen_at. Returns
-- 'bound', or 'mismatch' when the subject belongs to another user or the user to another
-- subject. Serialised per user and per subject by the table's unique keys.
CREATE FUNCTION web.bind_oidc_subject(p_issuer text, p_subject text, p_tenant uuid, p_user uuid, p_username text, p_now timestamptz)
RETURNS text LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM web.oidc_identities i
             WHERE i.issuer = p_issuer
               AND ((i.subject = p_subject AND (i.tenant_id <> p_tenant OR i.user_id <> p_user))
                 OR (i.tenant_id = p_tenant AND i.user_id = p_user AND i.subject <> p_subject))) THEN
    RETURN 'mismatch';
  END IF;
  INSERT INTO web.oidc_identities (issuer, subject, tenant_id, user_id, username, first_seen_at, last_seen_at)
  VALUES (p_issuer, p_subject, p_tenant, p_user, p_username, p_now, p_now)
  ON CONFLICT (issuer, subject) DO UPDATE SET username = EXCLUDED.username, last_seen_at = EXCLUDED.last_seen_at;
  RETURN 'bound';
EXCEPTION WHEN unique_violation THEN
  -- Two first sign-ins of one user with different subjects at once: the unique key decided.
  RETURN 'mismatch';
END $$;
REVOKE ALL ON FUNCTION web.bind_oidc_subject(text, text, uuid, uuid, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION web.bind_oidc_subject(text, text, uuid, uuid, text, timestamptz) TO navcast_app;
