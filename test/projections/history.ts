import { randomUUID } from 'node:crypto';
import type { EventLog } from '../../domain/ports/index.js';
import { handleOrganizationCommand } from '../../commands/organizations/index.js';
import type { CommandMetadata, OrganizationCommand } from '../../domain/organizations/index.js';

const roles = ['viewer', 'member', 'org_admin'] as const;

function meta(): CommandMetadata {
  return { commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator', name: 'test' } };
}

/** Runs organisation commands through the real handler; returns the org ids created. */
export async function seedOrganizations(log: EventLog, organizations: number, usersPerOrg: number): Promise<string[]> {
  const orgIds: string[] = [];
  for (let o = 0; o < organizations; o++) {
    const orgId = randomUUID();
    orgIds.push(orgId);
    const run = (command: OrganizationCommand) => handleOrganizationCommand(log, command, meta());
    await run({ type: 'CreateOrganization', orgId, name: `Org ${o}` });
    for (let u = 0; u < usersPerOrg; u++) {
      const userId = randomUUID();
      await run({ type: 'InviteUser', orgId, userId, email: `user${u}@org${o}.example`, role: roles[u % 3] });
      if (u % 2 === 0) await run({ type: 'ActivateUser', orgId, userId });
      if (u % 3 === 1) await run({ type: 'ChangeUserRole', orgId, userId, role: 'org_admin' });
      if (u % 5 === 4) await run({ type: 'DeactivateUser', orgId, userId });
    }
  }
  return orgIds;
}
