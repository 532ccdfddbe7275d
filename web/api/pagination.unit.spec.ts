import { describe, expect, it } from 'vitest';
import { cursorParameter, encodeCursor, pageInMemory, pageQuery } from './pagination.js';

const people = ['dora', 'alma', 'cleo', 'bert', 'ezra'].map((name, i) => ({ name, id: `id${i}` }));
const key = (p: { name: string; id: string }) => [p.name, p.id];

function walk<T>(items: readonly T[], keyOf: (item: T) => readonly string[], limit: number): T[][] {
  const pages: T[][] = [];
  let after: readonly string[] | undefined;
  for (let i = 0; i < 20; i++) {
    const page = pageInMemory(items, keyOf, { limit, after });
    pages.push(page.items);
    if (page.nextCursor === null) return pages;
    after = cursorParameter(keyOf(items[0]).length).parse(page.nextCursor);
  }
  throw new Error('did not end');
}

describe('pageInMemory', () => {
  it('pages in the order of the key, without gaps or repeats, the last page without a cursor', () => {
    const pages = walk(people, key, 2);
    expect(pages.map((p) => p.map((x) => x.name))).toEqual([['alma', 'bert'], ['cleo', 'dora'], ['ezra']]);
  });

  it('neither skips nor repeats an item that was there before and after, when others are added between pages', () => {
    const first = pageInMemory(people, key, { limit: 2 });
    const more = [...people, { name: 'aaron', id: 'id9' }, { name: 'carl', id: 'id8' }];
    const after = cursorParameter(2).parse(first.nextCursor);
    const rest = pageInMemory(more, key, { limit: 10, after });
    expect([...first.items, ...rest.items].map((x) => x.name)).toEqual(['alma', 'bert', 'carl', 'cleo', 'dora', 'ezra']);
  });

  it('answers an empty list with one empty page', () => {
    expect(pageInMemory([], key, { limit: 5 })).toEqual({ items: [], nextCursor: null });
  });
});

describe('the page query', () => {
  it('defaults to 100 and refuses limits out of 1..1000 and cursors of another shape', () => {
    expect(pageQuery(2).parse({})).toEqual({ limit: 100 });
    for (const limit of ['0', '1001', '2.5', 'x']) expect(pageQuery(2).safeParse({ limit }).success, limit).toBe(false);
    expect(pageQuery(2).safeParse({ after: encodeCursor(['only one']) }).success).toBe(false);
    expect(pageQuery(2).safeParse({ after: 'not base64 json' }).success).toBe(false);
    expect(pageQuery(2).parse({ after: encodeCursor(['a', 'b']), limit: '3' })).toEqual({ after: ['a', 'b'], limit: 3 });
  });
});
