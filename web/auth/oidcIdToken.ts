import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { EmailAddress } from '../../domain/organizations/index.js';
import { OidcRefusal } from './oidcErrors.js';

/** Signature algorithms accepted on ID tokens: asymmetric only (no HS256 with the client secret, no `none`). */
export const ID_TOKEN_ALGORITHMS = ['RS256', 'ES256'] as const;

/** Clock skew allowed between the provider and this server when checking exp/iat/nbf, in seconds. */
const CLOCK_TOLERANCE_SECONDS = 60;

/** Who the provider says signed in, from Cognito-style ID token claims. */
export interface OidcIdentity {
  /** `sub`: the provider's stable id of the person. */
  readonly subject: string;
  /** `email`, normalised like every NAVcast address. */
  readonly email: string;
  /** `custom:org_id`: the NAVcast organisation id the person belongs to. */
  readonly orgId: string;
  /** `cognito:username`, when present. */
  readonly username: string | undefined;
  /** `cognito:groups` (empty when absent). */
  readonly groups: readonly string[];
}

/** What an ID token must have been issued for. */
export interface IdTokenExpectations {
  readonly issuer: string;
  readonly clientId: string;
  /** The nonce this sign-in sent in the authorization request. */
  readonly nonce: string;
  readonly keys: JWTVerifyGetKey;
  readonly now: Date;
}

// Cognito puts booleans in ID tokens but strings ("true") at userinfo; accept both spellings.
const Verified = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

const Claims = z.object({
  sub: z.string().min(1),
  email: EmailAddress,
  email_verified: Verified.optional(),
  'custom:org_id': z.uuid(),
  'cognito:username': z.string().min(1).optional(),
  'cognito:groups': z.array(z.string()).optional(),
});

/**
 * Verifies an ID token with jose against the provider's keys: signature (RS256/ES256 only),
 * `iss` equal to the configured issuer, `aud` containing the client id (and `azp` equal to it
 * when there are several audiences), `exp`/`iat` within a minute's skew, and `nonce` equal to
 * the one this sign-in sent. Then reads the Cognito-style claims; a missing or malformed
 * `sub`, `email` or `custom:org_id`, or `email_verified: false`, refuses the sign-in.
 */
export async function verifyIdToken(idToken: string, expected: IdTokenExpectations): Promise<OidcIdentity> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, expected.keys, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: [...ID_TOKEN_ALGORITHMS],
      currentDate: expected.now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iat'],
    }));
  } catch (error) {
    // The keys could not be fetched: the provider's fault, not the token's.
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || isFetchFailure(error)) {
      throw new OidcRefusal('oidc_provider_unavailable', `JWKS: ${(error as Error).message}`);
    }
    throw new OidcRefusal('oidc_token_invalid', describeJoseError(error));
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (audiences.length > 1 && payload.azp !== expected.clientId) throw new OidcRefusal('oidc_token_invalid', 'azp is not this client');
  if (payload.nonce !== expected.nonce) throw new OidcRefusal('oidc_nonce_mismatch', 'nonce differs from the one sent');
  const claims = Claims.safeParse(payload);
  if (!claims.success) {
    const names = [...new Set(claims.error.issues.map((issue) => String(issue.path[0])))];
    throw new OidcRefusal('oidc_claims_missing', `missing or malformed: ${names.join(', ')}`);
  }
  const c = claims.data;
  if (c.email_verified === false) throw new OidcRefusal('oidc_email_unverified', c.email);
  return { subject: c.sub, email: c.email, orgId: c['custom:org_id'], username: c['cognito:username'], groups: c['cognito:groups'] ?? [] };
}

function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && /fetch failed/.test(error.message);
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'wrong audience: not issued to this client';
    if (error.claim === 'iss') return 'wrong issuer';
    return `claim ${error.claim} failed: ${error.reason}`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'signature algorithm not allowed (RS256 or ES256 only)';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JWKSNoMatchingKey) return "no key of the provider's JWKS matches the token";
  if (error instanceof errors.JOSEError) return `${error.code}: ${error.message}`;
  return `unreadable token: ${(error as Error).message}`;
}
