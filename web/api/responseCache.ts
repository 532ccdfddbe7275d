/**
 * Serialized responses of cacheable reads, keyed by their entity tag (web/api/conditional.ts:
 * API revision, organisation, URL and tenant checkpoint). A key names one representation
 * exactly: when any projection writes a row of the tenant, its checkpoint and so every key of
 * the tenant change, and the old entries are simply never asked for again. The cache holds at
 * most `maxBytes` of bodies and forgets the least recently used first; 0 turns it off.
 * docs/architecture.md "Conditional reads".
 */
export class ResponseCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The body stored under `tag`, if any (and marks it recently used). */
  get(tag: string): Buffer | undefined {
    const body = this.entries.get(tag);
    if (body === undefined) return undefined;
    this.entries.delete(tag);
    this.entries.set(tag, body);
    return body;
  }

  /** Stores `body` under `tag`; a body larger than a quarter of the cache is not kept. */
  set(tag: string, body: Buffer): void {
    if (body.length > this.maxBytes / 4) return;
    const previous = this.entries.get(tag);
    if (previous !== undefined) {
      this.bytes -= previous.length;
      this.entries.delete(tag);
    }
    this.entries.set(tag, body);
    this.bytes += body.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.length;
    }
  }

  /** Whether it keeps anything at all (a size of 0 turns it off). */
  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  /** Bytes of bodies held now. */
  get size(): number {
    return this.bytes;
  }
}
