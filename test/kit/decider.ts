/**
 * Given/when/then specifications of deciders, in the style of Emmett's DeciderSpecification:
 * `specFor(decider, meta)(given).when(command).then(events)`, `.thenNothingHappened()`,
 * `.thenThrows(ErrorClass, code?)`, or `.decided()` for the events themselves. `given` are the
 * stream's earlier events, folded with the decider's own `evolve`; `meta` (actor, time,
 * command id) may be overridden per `when`.
 */
import { expect } from 'vitest';
import { fold, type Decider, type DomainEvent } from '../../domain/decider.js';
import type { CommandMetadata } from '../../domain/organizations/index.js';

export function specFor<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, meta: CommandMetadata) {
  return (given: readonly E[] = []) => ({
    when(command: C, whenMeta: CommandMetadata = meta) {
      const run = (): E[] => decider.decide(command, fold(decider, given), whenMeta);
      return {
        decided: run,
        then(expected: readonly E[]): void {
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

/** Command metadata for specs: an operator at `at` (the actor only matters to deciders that authorise). */
export function specMeta(at: string, actor: CommandMetadata['actor'] = { kind: 'operator', name: 'spec' }): CommandMetadata {
  return { commandId: '99999999-9999-4999-8999-999999999999', at, actor };
}
