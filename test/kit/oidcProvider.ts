/**
 * A real OpenID provider (oidc-provider 9) on a free loopback port for OIDC sign-in tests:
 * discovery, authorization code with PKCE, RS256 ID tokens signed by a key generated at start
 * and published at its JWKS, accounts with Cognito-style claims, and an interaction endpoint
 * that completes login and consent without a UI (for `fetch`-driven tests and for a browser).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { pkceChallenge, randomToken } from '../../web/auth/oidcClient.js';
import type { OidcSettings } from '../../web/context.js';

/** A person at the provider; the claims mirror what Amazon Cognito puts in an ID token. */
export interface OidcTestAccount {
  readonly sub: string;
  /** Claims besides `sub`: email, email_verified, cognito:username, cognito:groups, custom:org_id ... */
  readonly claims: Record<string, unknown>;
}

/** A registered client of the provider. */
export interface OidcTestClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface RunningOidcProvider {
  readonly issuer: string;
  /** The client the portal is configured with. */
  readonly portal: OidcTestClient;
  /** Another client of the same provider (its tokens carry another audience). */
  readonly other: OidcTestClient;
  /** Client id of a public client (no secret: PKCE alone protects its code exchange). */
  readonly publicClientId: string;
  /** `kid` of the signing key in the JWKS. */
  readonly kid: string;
  /** Adds or replaces an account. */
  putAccount(account: OidcTestAccount): void;
  /** Account that the interaction endpoint signs in when the request names none (browser tests). */
  defaultAccount: string | undefined;
  /** The portal's OidcSettings for this provider. */
  settingsFor(redirectUri: string): OidcSettings;
  /**
   * Plays the browser at the provider: follows redirects from `authorizationUrl` (with a cookie
   * jar), signs in `sub` at the interaction step and returns the redirect back to the client.
   */
  authorize(authorizationUrl: string, sub: string): Promise<URL>;
  /** Runs a whole code+PKCE flow for `client` outside the portal and returns the raw ID token. */
  issueIdToken(client: OidcTestClient, sub: string, nonce: string): Promise<string>;
  close(): Promise<void>;
}

/** Where the accounts claims go: `profile` carries the Cognito-specific ones. */
const claimsByScope = {
  openid: ['sub'],
  email: ['email', 'email_verified'],
  profile: ['cognito:username', 'cognito:groups', 'custom:org_id'],
};

/** Starts the provider; `redirectUris` are the callbacks registered for both clients. */
export async function startOidcProvider(redirectUris: readonly string[]): Promise<RunningOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `test-${randomUUID()}`;
  const jwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const accounts = new Map<string, OidcTestAccount>();
  const portal = { clientId: 'navcast-portal', clientSecret: randomToken() };
  const other = { clientId: 'other-app', clientSecret: randomToken() };
  const clientConfig = (c: OidcTestClient) => ({
    client_id: c.clientId,
    client_secret: c.clientSecret,
    redirect_uris: [...redirectUris],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  });
  const publicClientId = 'public-app';
  const publicClient = { ...clientConfig({ clientId: publicClientId, clientSecret: '' }), client_secret: undefined, token_endpoint_auth_method: 'none' };
  const provider = new Provider(issuer, {
    clients: [clientConfig(portal), clientConfig(other), publicClient],
    jwks: { keys: [jwk] },
    claims: claimsByScope,
    // Cognito puts the scope's claims in the ID token itself; oidc-provider's default keeps
    // them for userinfo when an access token is issued too.
    conformIdTokenClaims: false,
    scopes: ['openid', 'email', 'profile'],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: [randomToken()] },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      return account === undefined ? undefined : { accountId: sub, claims: async () => ({ ...account.claims, sub }) };
    },
  });
  const running: RunningOidcProvider = {
    issuer,
    portal,
    other,
    publicClientId,
    kid,
    defaultAccount: undefined,
    putAccount: (account) => void accounts.set(account.sub, account),
    settingsFor: (redirectUri) => ({ issuer, clientId: portal.clientId, clientSecret: portal.clientSecret, redirectUri }),
    authorize: (url, sub) => playBrowser(url, sub, redirectUris),
    issueIdToken: (client, sub, nonce) => issueIdToken(issuer, client, redirectUris[0] as string, sub, nonce),
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e === undefined ? resolve() : reject(e)))),
  };
  const handle = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/') === true) {
      completeInteraction(provider, req, res, running.defaultAccount).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String((error as Error).message));
      });
    } else handle(req, res);
  });
  return running;
}

/**
 * The provider's login and consent step, done at once: signs in the account named by
 * `?account=` (or the default) and grants the scopes the client asked for.
 */
async function completeInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse, fallback: string | undefined): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const accountId = new URL(req.url ?? '/', 'http://x').searchParams.get('account') ?? fallback;
  if (accountId === undefined) throw new Error('the test provider needs ?account= or a default account');
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope ?? 'openid');
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

/** Follows redirects like a browser until one leads to a registered redirect URI. */
async function playBrowser(authorizationUrl: string, sub: string, redirectUris: readonly string[]): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop += 1) {
    if (url.pathname.startsWith('/interaction/')) url.searchParams.set('account', sub);
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = (pair as string).indexOf('=');
      jar.set((pair as string).slice(0, eq), (pair as string).slice(eq + 1));
    }
    const location = response.headers.get('location');
    if (location === null) throw new Error(`the provider answered ${response.status} at ${url.pathname}: ${(await response.text()).slice(0, 500)}`);
    url = new URL(location, url);
    if (redirectUris.some((uri) => url.href.startsWith(uri))) return url;
  }
  throw new Error('too many redirects at the provider');
}

async function issueIdToken(issuer: string, client: OidcTestClient, redirectUri: string, sub: string, nonce: string): Promise<string> {
  const verifier = randomToken();
  const authorize = new URL(`${issuer}/auth`);
  const params = {
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state: randomToken(),
    nonce,
    code_challenge: pkceChallenge(verifier),
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(params)) authorize.searchParams.set(name, value);
  const back = await playBrowser(authorize.href, sub, [redirectUri]);
  const code = back.searchParams.get('code');
  if (code === null) throw new Error(`no code in ${back.href}`);
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }),
  });
  const tokens = (await response.json()) as { id_token?: string; error?: string };
  if (tokens.id_token === undefined) throw new Error(`token endpoint: ${JSON.stringify(tokens)}`);
  return tokens.id_token;
}
