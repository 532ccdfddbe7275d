import { z } from 'zod';
import { assertPasswordPolicy, hashPassword, PasswordPolicyError } from '../../services/auth/passwords.js';
import { html, type SafeHtml } from '../../../domain/render/html.js';

/**
 * The new-password form's fields (docs: README "Accounts"). `confirm` is what the page's
 * "Repeat the password" field sends; a script that posts the form may leave it out.
 */
export const NewPasswordForm = z.object({
  password: z.string().max(1024).default(''),
  confirm: z.string().max(1024).optional(),
});

/** Checks the chosen password and its confirmation, when sent; returns the argon2id hash or a message for the form. */
export async function chosenPasswordHash(form: z.infer<typeof NewPasswordForm>): Promise<{ hash: string } | { error: string }> {
  if (form.password === '') return { error: 'Choose a password (field "password").' };
  if (form.confirm !== undefined && form.password !== form.confirm) return { error: 'The two passwords are not the same: type the same password in both fields.' };
  try {
    assertPasswordPolicy(form.password);
  } catch (error) {
    if (error instanceof PasswordPolicyError) return { error: `${error.message}.` };
    throw error;
  }
  return { hash: await hashPassword(form.password) };
}

/** A form to choose a password (with confirmation), posting to `action`. */
export function newPasswordForm(options: { action: string; csrf: string; email: string; button: string; error?: string }): SafeHtml {
  return html`${options.error === undefined ? html`` : html`<p class="error" role="alert">${options.error}</p>`}
<form class="stacked" method="post" action="${options.action}">
  <input type="hidden" name="_csrf" value="${options.csrf}">
  <input type="hidden" name="username" autocomplete="username" value="${options.email}">
  <p class="muted">Account: ${options.email}</p>
  <label>New password (at least 12 characters)<input type="password" name="password" autocomplete="new-password" minlength="12" maxlength="1024" required></label>
  <label>Repeat the password<input type="password" name="confirm" autocomplete="new-password" minlength="12" maxlength="1024" required></label>
  <button type="submit">${options.button}</button>
</form>`;
}
