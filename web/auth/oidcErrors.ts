import { HttpProblem } from '../problems.js';

/**
 * Why an OIDC sign-in was refused. Each refusal is shown as an error page naming the reason
 * (the provider and the user's organisation need to know what to fix); no session starts.
 */
export const oidcRefusals = {
  oidc_not_configured: { status: 404, title: 'OIDC sign-in is not configured on this server' },
  oidc_provider_error: { status: 401, title: 'the identity provider did not sign you in' },
  oidc_provider_unavailable: { status: 502, title: 'the identity provider could not be reached or answered wrongly' },
  oidc_state_invalid: { status: 400, title: 'this sign-in link is unknown, already used or expired' },
  oidc_token_invalid: { status: 401, title: 'the identity token is not valid' },
  oidc_nonce_mismatch: { status: 401, title: 'the identity token was not issued for this sign-in' },
  oidc_claims_missing: { status: 401, title: 'the identity token lacks required claims' },
  oidc_email_unverified: { status: 403, title: 'the identity provider has not verified this e-mail address' },
  oidc_unknown_organization: { status: 403, title: 'the organisation named by the identity provider does not exist here' },
  oidc_unknown_user: { status: 403, title: 'no invitation for this e-mail address in this organisation' },
  oidc_user_deactivated: { status: 403, title: 'this account has been deactivated' },
  oidc_subject_mismatch: { status: 403, title: 'this account is linked to another identity-provider account' },
  oidc_activation_pending: { status: 503, title: 'your account was activated; sign in again in a moment' },
} as const;

/** Stable code of an OIDC refusal. */
export type OidcRefusalCode = keyof typeof oidcRefusals;

/** A refused OIDC sign-in: an HttpProblem whose detail is the reason, then the particulars. */
export class OidcRefusal extends HttpProblem {
  constructor(
    readonly refusal: OidcRefusalCode,
    particulars?: string,
  ) {
    const { status, title } = oidcRefusals[refusal];
    super(status, refusal, `Sign-in with your organisation's identity provider failed: ${title}${particulars === undefined ? '' : ` (${particulars})`}.`);
    this.name = 'OidcRefusal';
  }
}
