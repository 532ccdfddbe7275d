import type { OrganizationEvent, OrganizationKind } from './events.js';
import type { Role } from './roles.js';

export type UserStatus = 'invited' | 'active' | 'deactivated';

export interface UserState {
  readonly email: string;
  readonly role: Role;
  readonly status: UserStatus;
}

/** What the decider knows about one organisation stream. */
export type OrganizationState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'exists';
      readonly orgId: string;
      readonly kind: OrganizationKind;
      readonly users: ReadonlyMap<string, UserState>;
    };

/** State of a stream with no events. */
export const initialState: OrganizationState = { status: 'absent' };

function withUser(state: OrganizationState, userId: string, change: (user: UserState | undefined) => UserState): OrganizationState {
  if (state.status !== 'exists') throw new Error('organisation event before OrganizationCreated: the stream is corrupt');
  const users = new Map(state.users);
  users.set(userId, change(state.users.get(userId)));
  return { ...state, users };
}

function existing(user: UserState | undefined): UserState {
  if (user === undefined) throw new Error('user event before UserInvited: the stream is corrupt');
  return user;
}

/** Folds one event into the state. Pure; never validates business rules (decide does). */
export function evolve(state: OrganizationState, event: OrganizationEvent): OrganizationState {
  switch (event.type) {
    case 'OrganizationCreated':
      return { status: 'exists', orgId: event.data.orgId, kind: event.data.kind, users: new Map() };
    case 'UserInvited':
      return withUser(state, event.data.userId, () => ({ email: event.data.email, role: event.data.role, status: 'invited' }));
    case 'UserActivated':
      return withUser(state, event.data.userId, (u) => ({ ...existing(u), status: 'active' }));
    case 'UserRoleChanged':
      return withUser(state, event.data.userId, (u) => ({ ...existing(u), role: event.data.to }));
    case 'UserDeactivated':
      return withUser(state, event.data.userId, (u) => ({ ...existing(u), status: 'deactivated' }));
  }
}
