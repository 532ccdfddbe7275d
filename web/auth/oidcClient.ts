import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { OidcSettings } from '../context.js';
import { OidcRefusal } from './oidcErrors.js';

/** The parts of the provider's discovery document NAVcast uses. */
const DiscoveryDocument = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url({ protocol: /^https?$/ }),
  token_endpoint: z.url({ protocol: /^https?$/ }),
  jwks_uri: z.url({ protocol: /^https?$/ }),
  code_challenge_methods_supported: z.array(z.string()).optional(),
});

const TokenResponse = z.object({ id_token: z.string().min(1), token_type: z.string().optional() });

/** The provider as discovered: its endpoints and its signing keys (fetched and cached by jose). */
export interface DiscoveredProvider {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly keys: JWTVerifyGetKey;
}

/** Scopes asked for: `openid` for the ID token, `email` and `profile` for the Cognito-style claims. */
export const OIDC_SCOPES = 'openid email profile';

/** A random, URL-safe value with 256 bits of entropy (state, nonce, PKCE verifier). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** PKCE S256 challenge of a verifier (RFC 7636 section 4.2). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0, section 4). */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/**
 * Talks to the configured provider: discovery (cached after the first success; a failure is
 * retried on the next sign-in), the authorization URL, and the code exchange at the token
 * endpoint (HTTP Basic client authentication when a secret is set, else a public client).
 */
export class OidcClient {
  private discovered: Promise<DiscoveredProvider> | undefined;

  constructor(readonly settings: OidcSettings) {}

  /** The provider's endpoints and keys; refuses a document whose issuer is not the configured one. */
  provider(): Promise<DiscoveredProvider> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }

  private async discover(): Promise<DiscoveredProvider> {
    const url = discoveryUrl(this.settings.issuer);
    const response = await fetchOrRefuse(url, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new OidcRefusal('oidc_provider_unavailable', `discovery at ${url} answered ${response.status}`);
    const parsed = DiscoveryDocument.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new OidcRefusal('oidc_provider_unavailable', `discovery document at ${url} is malformed`);
    const doc = parsed.data;
    if (doc.issuer !== this.settings.issuer) throw new OidcRefusal('oidc_provider_unavailable', `discovery names issuer ${doc.issuer}, configured ${this.settings.issuer}`);
    const methods = doc.code_challenge_methods_supported;
    if (methods !== undefined && !methods.includes('S256')) throw new OidcRefusal('oidc_provider_unavailable', 'the provider does not support PKCE S256');
    return {
      issuer: doc.issuer,
      authorizationEndpoint: doc.authorization_endpoint,
      tokenEndpoint: doc.token_endpoint,
      keys: createRemoteJWKSet(new URL(doc.jwks_uri), { timeoutDuration: 5000, cooldownDuration: 30_000 }),
    };
  }

  /** Where to send the browser: an authorization-code request with PKCE S256, state and nonce. */
  async authorizationUrl(login: { state: string; nonce: string; codeVerifier: string }): Promise<string> {
    const { authorizationEndpoint } = await this.provider();
    const url = new URL(authorizationEndpoint);
    const params = {
      response_type: 'code',
      client_id: this.settings.clientId,
      redirect_uri: this.settings.redirectUri,
      scope: OIDC_SCOPES,
      state: login.state,
      nonce: login.nonce,
      code_challenge: pkceChallenge(login.codeVerifier),
      code_challenge_method: 'S256',
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  /** Exchanges the authorization code (with the PKCE verifier) for the raw ID token. */
  async exchangeCode(code: string, codeVerifier: string): Promise<string> {
    const { tokenEndpoint } = await this.provider();
    const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: this.settings.redirectUri, code_verifier: codeVerifier });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    const secret = this.settings.clientSecret;
    if (secret === undefined) body.set('client_id', this.settings.clientId);
    else headers.authorization = `Basic ${Buffer.from(`${formEncode(this.settings.clientId)}:${formEncode(secret)}`).toString('base64')}`;
    const response = await fetchOrRefuse(tokenEndpoint, { method: 'POST', headers, body });
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = z.object({ error: z.string(), error_description: z.string().optional() }).safeParse(json);
      const reason = error.success ? `${error.data.error}${error.data.error_description === undefined ? '' : `: ${error.data.error_description}`}` : `HTTP ${response.status}`;
      throw new OidcRefusal('oidc_provider_error', `the token endpoint refused the code: ${reason}`);
    }
    const tokens = TokenResponse.safeParse(json);
    if (!tokens.success) throw new OidcRefusal('oidc_provider_unavailable', 'the token endpoint returned no id_token');
    return tokens.data.id_token;
  }
}

/** RFC 6749 section 2.3.1: client id and secret are form-encoded before Basic encoding. */
function formEncode(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}

async function fetchOrRefuse(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new OidcRefusal('oidc_provider_unavailable', `${url}: ${(error as Error).message}`);
  }
}
