/**
 * Organisation commands as the portal runs them (invite, roles, keys, tokens, passwords): fresh
 * metadata, the one organisation command handler, then a wait for the projections so that the
 * next page or response shows the effect. The account services share an AccountContext.
 */
import { randomUUID } from 'node:crypto';
import { handleOrganizationCommand } from '../../commands/organizations/index.js';
import type { Actor, OrganizationCommand } from '../../domain/organizations/index.js';
import type { WebContext } from '../context.js';
import { AccountTokens } from './auth/tokens.js';

/** What the account route modules share: the web context and the single-use links. */
export interface AccountContext {
  readonly ctx: WebContext;
  readonly tokens: AccountTokens;
}

/** Builds the account modules' shared context. */
export function accountContext(ctx: WebContext): AccountContext {
  return { ctx, tokens: new AccountTokens(ctx.pool, ctx.now) };
}

/**
 * Runs an organisation command with fresh metadata, then waits for the projections so that
 * the next page or response shows its effect.
 */
export async function runOrganizationCommand(ctx: WebContext, actor: Actor, command: OrganizationCommand): Promise<void> {
  await handleOrganizationCommand(ctx.log, command, { commandId: randomUUID(), at: ctx.now().toISOString(), actor });
  await ctx.settleProjections();
}
