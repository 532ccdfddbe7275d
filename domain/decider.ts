/**
 * The one shape of every decider (docs/architecture.md, "Commands"): the state a stream's
 * events fold to, how one event changes it, and which events a command produces from it.
 * All three are pure; `decide` throws a NavcastError subclass to refuse a command and
 * returns no events when the command is already satisfied. The command handler in
 * `commands/handleCommand.ts` is the only code that loads, folds, decides and appends.
 */
import type { CommandMetadata } from './organizations/commands.js';

/** An event as deciders see it: its type and its payload. */
export interface DomainEvent {
  readonly type: string;
  readonly data: unknown;
}

export interface Decider<Command, Event extends DomainEvent, State> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, meta: CommandMetadata): Event[];
}

/** The state after `events`, from the decider's initial state. */
export function fold<Event extends DomainEvent, State>(decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>, events: readonly Event[]): State {
  return events.reduce(decider.evolve, decider.initialState);
}
