import { describe, expect, it } from 'vitest';
import { AliasCycleError, AliasDepthExceededError, resolveAlias } from '../../domain/identity/index.js';

const lookup = (links: Record<string, string>) => (id: string) => links[id];

describe('resolveAlias', () => {
  it('returns the start itself when it has no alias', () => {
    expect(resolveAlias('a', lookup({}))).toEqual({ identity: 'a', path: ['a'] });
  });

  it('follows a chain of renames to its end', () => {
    expect(resolveAlias('a', lookup({ a: 'b', b: 'c', x: 'y' }))).toEqual({ identity: 'c', path: ['a', 'b', 'c'] });
    expect(resolveAlias('b', lookup({ a: 'b', b: 'c' })).identity).toBe('c');
  });

  it('detects a cycle and names it', () => {
    const error = (() => {
      try {
        resolveAlias('a', lookup({ a: 'b', b: 'c', c: 'a' }));
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AliasCycleError);
    expect((error as AliasCycleError).path).toEqual(['a', 'b', 'c', 'a']);
    expect((error as AliasCycleError).code).toBe('alias_cycle');
  });

  it('detects a self-alias', () => {
    expect(() => resolveAlias('a', lookup({ a: 'a' }))).toThrow(AliasCycleError);
  });

  it('allows exactly maxDepth links and refuses one more', () => {
    const links: Record<string, string> = {};
    for (let i = 0; i < 5; i++) links[`n${i}`] = `n${i + 1}`;
    expect(resolveAlias('n0', lookup(links), 5).identity).toBe('n5');
    expect(() => resolveAlias('n0', lookup(links), 4)).toThrow(AliasDepthExceededError);
  });

  it('stops an endless chain of fresh identities at the bound', () => {
    let calls = 0;
    const endless = (id: string) => {
      calls++;
      return `${id}+`;
    };
    expect(() => resolveAlias('a', endless, 64)).toThrow(AliasDepthExceededError);
    expect(calls).toBe(65);
  });
});
