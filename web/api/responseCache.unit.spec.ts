import { describe, expect, it } from 'vitest';
import { ResponseCache } from './responseCache.js';

const body = (n: number, fill = 'x'): Buffer => Buffer.from(fill.repeat(n));

describe('ResponseCache', () => {
  it('answers what was stored under a tag and nothing for another', () => {
    const cache = new ResponseCache(1000);
    cache.set('W/"a"', body(10, 'a'));
    expect(cache.get('W/"a"')?.toString()).toBe('a'.repeat(10));
    expect(cache.get('W/"b"')).toBeUndefined();
  });

  it('forgets the least recently used bodies beyond its size', () => {
    const cache = new ResponseCache(100);
    for (const tag of ['1', '2', '3', '4']) cache.set(tag, body(25));
    cache.get('1'); // 2 is now the oldest
    cache.set('5', body(20));
    expect(cache.get('2')).toBeUndefined();
    for (const tag of ['1', '3', '4', '5']) expect(cache.get(tag), tag).toBeDefined();
    expect(cache.size).toBe(95);
  });

  it('keeps no body larger than a quarter of it, and nothing when its size is 0', () => {
    const cache = new ResponseCache(100);
    cache.set('big', body(26));
    expect(cache.get('big')).toBeUndefined();
    const off = new ResponseCache(0);
    off.set('any', body(1));
    expect(off.get('any')).toBeUndefined();
    expect(off.size).toBe(0);
  });

  it('counts a tag stored twice once', () => {
    const cache = new ResponseCache(100);
    cache.set('t', body(20));
    cache.set('t', body(10));
    expect(cache.size).toBe(10);
  });
});
