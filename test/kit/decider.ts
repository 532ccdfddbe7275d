import { expect } from 'vitest';

/** The three pure functions of a decider (Emmett/Equinox style). */
export interface Decider<Command, Event, State, Meta> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, meta: Meta): Event[];
}

/**
 * given(events).when(command).then(events) for deciders:
 * `specFor(decider, meta)(given).when(cmd).then(expected)`, `.thenThrows(ErrorClass, code?)`
 * or `.thenNothingHappened()`.
 */
export function specFor<Command, Event, State, Meta>(decider: Decider<Command, Event, State, Meta>, meta: Meta) {
  return (given: Event[] = []) => ({
    when(command: Command) {
      const run = (): Event[] => decider.decide(command, given.reduce(decider.evolve, decider.initialState), meta);
      return {
        then(expected: Event[]): void {
          expect(run()).toEqual(expected);
        },
        thenNothingHappened(): void {
          expect(run()).toEqual([]);
        },
        thenThrows(errorClass: abstract new (...args: never[]) => Error, code?: string): void {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(errorClass);
          if (code !== undefined) expect((caught as { code?: unknown }).code).toBe(code);
        },
      };
    },
  });
}
