-- Account tokens (invitations, password resets), the mail outbox, and last use of API keys
-- and machine tokens; plus the lookups by hash that run before a tenant is known.
--
-- Every table carries tenant_id with RLS enabled and forced: the portal writes and lists them
-- as navcast_app inside a tenant transaction. Lookups by secret (a link's token, a bearer key)
-- go through the SECURITY DEFINER functions below, each returning at most the one row the
-- secret names. Only SHA-256 hashes of secrets are stored.

-- Single-use, expiring links. Redeeming sets used_at in the same statement that checks it.
CREATE TABLE web.account_tokens (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
  used_at timestamptz
);
CREATE INDEX account_tokens_user ON web.account_tokens (tenant_id, user_id);

-- Mail the platform owes someone (reset links). No SMTP here: a deliverer sends and marks
-- rows in production; tests read them.
CREATE TABLE web.mail_outbox (
  mail_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);

-- When an API key or machine token was last used: operational state, not history, so it is
-- kept here rather than in the event log. Written at most once a minute per credential.
CREATE TABLE web.credential_use (
  kind text NOT NULL CHECK (kind IN ('api_key', 'machine_token')),
  credential_id uuid NOT NULL,
  tenant_id uuid NOT NULL,
  last_used_at timestamptz NOT NULL,
  PRIMARY KEY (kind, credential_id)
);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['web.account_tokens', 'web.mail_outbox', 'web.credential_use'] LOOP
    PERFORM public.navcast_isolate_tenant_table(t);
  END LOOP;
END $$;
GRANT SELECT, INSERT ON web.account_tokens, web.mail_outbox TO navcast_app;
GRANT SELECT ON web.credential_use TO navcast_app;

-- The account behind an unused, unexpired link, without using it (to show the form).
CREATE FUNCTION web.peek_account_token(p_token_hash text, p_purpose text, p_now timestamptz)
RETURNS TABLE (tenant_id uuid, user_id uuid, email text, role text, status text, organization_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.tenant_id, u.user_id, u.email, u.role, u.status, o.name
  FROM web.account_tokens t
  JOIN public.users u ON u.tenant_id = t.tenant_id AND u.user_id = t.user_id
  JOIN public.organizations o ON o.tenant_id = t.tenant_id
  WHERE t.token_hash = p_token_hash AND t.purpose = p_purpose AND t.used_at IS NULL AND t.expires_at > p_now
$$;

-- Uses a link: atomically, so that of two concurrent redemptions exactly one gets the row.
CREATE FUNCTION web.redeem_account_token(p_token_hash text, p_purpose text, p_now timestamptz)
RETURNS TABLE (tenant_id uuid, user_id uuid, email text, role text, status text, organization_name text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH used AS (
    UPDATE web.account_tokens t SET used_at = p_now
    WHERE t.token_hash = p_token_hash AND t.purpose = p_purpose AND t.used_at IS NULL AND t.expires_at > p_now
    RETURNING t.tenant_id, t.user_id
  )
  SELECT u.tenant_id, u.user_id, u.email, u.role, u.status, o.name
  FROM used
  JOIN public.users u ON u.tenant_id = used.tenant_id AND u.user_id = used.user_id
  JOIN public.organizations o ON o.tenant_id = used.tenant_id
$$;

-- Active accounts with this address, for a password-reset request (one link per account).
CREATE FUNCTION web.password_reset_candidates(p_email text)
RETURNS TABLE (tenant_id uuid, user_id uuid, organization_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.tenant_id, u.user_id, o.name
  FROM public.users u JOIN public.organizations o ON o.tenant_id = u.tenant_id
  -- Only accounts with a local password: a user who signs in only through the organisation's
  -- identity provider must not gain a password (and so a way around its policies) by mail.
  WHERE u.email = p_email AND u.status = 'active' AND u.password_hash IS NOT NULL
  ORDER BY o.name, u.tenant_id
$$;

-- The live API key with this hash (its organisation and role), recording its use.
CREATE FUNCTION web.resolve_api_key(p_key_hash text, p_now timestamptz)
RETURNS TABLE (key_id uuid, tenant_id uuid, role text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
#variable_conflict use_column
DECLARE
  k record;
BEGIN
  SELECT a.key_id, a.tenant_id, a.role INTO k
  FROM public.api_keys a JOIN public.organizations o ON o.tenant_id = a.tenant_id
  WHERE a.key_hash = p_key_hash AND a.revoked_at IS NULL;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  INSERT INTO web.credential_use AS c (kind, credential_id, tenant_id, last_used_at) VALUES ('api_key', k.key_id, k.tenant_id, p_now)
  ON CONFLICT (kind, credential_id) DO UPDATE SET last_used_at = EXCLUDED.last_used_at
  WHERE c.last_used_at < EXCLUDED.last_used_at - interval '1 minute';
  RETURN QUERY SELECT k.key_id, k.tenant_id, k.role;
END $$;

-- The live machine token whose current secret has this hash, recording its use.
CREATE FUNCTION web.resolve_machine_token(p_token_hash text, p_now timestamptz)
RETURNS TABLE (token_id uuid, node_name text, scopes jsonb)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
#variable_conflict use_column
DECLARE
  m record;
BEGIN
  SELECT t.token_id, t.tenant_id, t.node_name, t.scopes INTO m
  FROM public.machine_tokens t WHERE t.token_hash = p_token_hash AND t.revoked_at IS NULL;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  INSERT INTO web.credential_use AS c (kind, credential_id, tenant_id, last_used_at) VALUES ('machine_token', m.token_id, m.tenant_id, p_now)
  ON CONFLICT (kind, credential_id) DO UPDATE SET last_used_at = EXCLUDED.last_used_at
  WHERE c.last_used_at < EXCLUDED.last_used_at - interval '1 minute';
  RETURN QUERY SELECT m.token_id, m.node_name, m.scopes;
END $$;

REVOKE ALL ON FUNCTION web.peek_account_token(text, text, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION web.redeem_account_token(text, text, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION web.password_reset_candidates(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION web.resolve_api_key(text, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION web.resolve_machine_token(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION web.peek_account_token(text, text, timestamptz) TO navcast_app;
GRANT EXECUTE ON FUNCTION web.redeem_account_token(text, text, timestamptz) TO navcast_app;
GRANT EXECUTE ON FUNCTION web.password_reset_candidates(text) TO navcast_app;
GRANT EXECUTE ON FUNCTION web.resolve_api_key(text, timestamptz) TO navcast_app;
GRANT EXECUTE ON FUNCTION web.resolve_machine_token(text, timestamptz) TO navcast_app;
