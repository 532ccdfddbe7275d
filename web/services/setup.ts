/** The first-run setup: whether the platform organisation exists, and its bootstrap with the first super_admin. */
import { randomUUID } from 'node:crypto';
import { handleOrganizationCommand } from '../../commands/organizations/index.js';
import { PLATFORM_TENANT_ID } from '../../domain/events/index.js';
import { organizationStreamId } from '../../domain/organizations/index.js';
import type { WebContext } from '../context.js';

/** True once the platform organisation's stream exists. */
export async function platformExists(ctx: Pick<WebContext, 'log'>): Promise<boolean> {
  const { currentVersion } = await ctx.log.readStream(PLATFORM_TENANT_ID, organizationStreamId(PLATFORM_TENANT_ID));
  return currentVersion >= 0;
}

/** Creates the platform organisation with its first super_admin; returns the user's id once the projections have it. */
export async function bootstrapPlatform(ctx: Pick<WebContext, 'log' | 'now' | 'settleProjections'>, email: string, passwordHash: string): Promise<string> {
  const userId = randomUUID();
  await handleOrganizationCommand(
    ctx.log,
    { type: 'BootstrapPlatform', orgId: PLATFORM_TENANT_ID, name: 'NAVcast platform', userId, email, passwordHash },
    { commandId: randomUUID(), at: ctx.now().toISOString(), actor: { kind: 'operator', name: 'first-run setup (web)' } },
  );
  await ctx.settleProjections();
  return userId;
}
