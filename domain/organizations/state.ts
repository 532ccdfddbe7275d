import type { OrganizationEvent, OrganizationKind } from './events.js';
import type { Role } from './roles.js';

export type UserStatus = 'invited' | 'active' | 'deactivated';

export interface UserState {
  readonly email: string;
  readonly role: Role;
  readonly status: UserStatus;
}

/** An API key as the decider needs it: its role (who may revoke it) and whether it is revoked. */
export interface ApiKeyState {
  readonly role: Role;
  readonly revoked: boolean;
}

/** A machine token as the decider needs it. */
export interface MachineTokenState {
  readonly revoked: boolean;
}

/** What the decider knows about one organisation stream. */
export type OrganizationState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'exists';
      readonly orgId: string;
      readonly kind: OrganizationKind;
      readonly users: ReadonlyMap<string, UserState>;
      readonly apiKeys: ReadonlyMap<string, ApiKeyState>;
      readonly machineTokens: ReadonlyMap<string, MachineTokenState>;
    };

/** State of a stream with no events. */
export const initialState: OrganizationState = { status: 'absent' };

type Existing = Extract<OrganizationState, { status: 'exists' }>;

function existingState(state: OrganizationState): Existing {
  if (state.status !== 'exists') throw new Error('organisation event before OrganizationCreated: the stream is corrupt');
  return state;
}

function withEntry<K extends 'apiKeys' | 'machineTokens'>(state: OrganizationState, map: K, id: string, value: Existing[K] extends ReadonlyMap<string, infer V> ? V : never): OrganizationState {
  const org = existingState(state);
  const entries = new Map(org[map] as ReadonlyMap<string, unknown>);
  entries.set(id, value);
  return { ...org, [map]: entries };
}

function withUser(state: OrganizationState, userId: string, change: (user: UserState | undefined) => UserState): OrganizationState {
  const org = existingState(state);
  const users = new Map(org.users);
  users.set(userId, change(org.users.get(userId)));
  return { ...org, users };
}

function existing(user: UserState | undefined): UserState {
  if (user === undefined) throw new Error('user event before UserInvited: the stream is corrupt');
  return user;
}

/** Folds one event into the state. Pure; never validates business rules (decide does). */
export function evolve(state: OrganizationState, event: OrganizationEvent): OrganizationState {
  switch (event.type) {
    case 'OrganizationCreated':
      return { status: 'exists', orgId: event.data.orgId, kind: event.data.kind, users: new Map(), apiKeys: new Map(), machineTokens: new Map() };
    case 'UserInvited':
      return withUser(state, event.data.userId, () => ({ email: event.data.email, role: event.data.role, status: 'invited' }));
    case 'UserActivated':
      return withUser(state, event.data.userId, (u) => ({ ...existing(u), status: 'active' }));
    case 'UserRoleChanged':
      return withUser(state, event.data.userId, (u) => ({ ...existing(u), role: event.data.to }));
    case 'UserDeactivated':
      return withUser(state, event.data.userId, (u) => ({ ...existing(u), status: 'deactivated' }));
    case 'UserPasswordSet':
      return withUser(state, event.data.userId, existing);
    case 'ApiKeyIssued':
      return withEntry(state, 'apiKeys', event.data.keyId, { role: event.data.role, revoked: false });
    case 'ApiKeyRevoked': {
      const key = existingState(state).apiKeys.get(event.data.keyId);
      if (key === undefined) throw new Error('ApiKeyRevoked before ApiKeyIssued: the stream is corrupt');
      return withEntry(state, 'apiKeys', event.data.keyId, { ...key, revoked: true });
    }
    case 'MachineTokenIssued':
    case 'MachineTokenRotated':
      return withEntry(state, 'machineTokens', event.data.tokenId, { revoked: false });
    case 'MachineTokenRevoked':
      return withEntry(state, 'machineTokens', event.data.tokenId, { revoked: true });
  }
}
