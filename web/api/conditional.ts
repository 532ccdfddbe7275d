/**
 * Conditional reads of the JSON API (docs/architecture.md "Conditional reads"). A read whose
 * rows come from the read models is tagged with an ETag derived from the tenant checkpoint
 * read before its rows (read_models.tenant_checkpoint()), the organisation, the request URL
 * (path and query) and the API revision. A client that sends the tag back in If-None-Match
 * is answered 304 after one round trip that reads the checkpoint and no row; any event the
 * projections apply for the tenant, a projection rebuild or a new API revision changes it.
 * A read declared 'cache' is also answered from the response cache under its tag, so a
 * repeated read costs that one round trip whoever asks.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResponseCache } from './responseCache.js';

/** The API revision: the package version, so that a release with new representations invalidates old tags. */
const REVISION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** The weak entity tag of `request`'s URL for the organisation `orgId` at `checkpoint`. */
export function entityTag(request: FastifyRequest, orgId: string, checkpoint: string): string {
  const digest = createHash('sha256').update(`${REVISION}\n${orgId}\n${request.url}\n${checkpoint}`).digest('base64url');
  return `W/"${digest.slice(0, 32)}"`;
}

/**
 * Whether the If-None-Match header (a list of tags) names `tag` by weak comparison. `*` is
 * not honoured: the checkpoint says nothing of whether this one resource exists, and a 304
 * for a fund of another organisation would say that it does; such a request simply runs.
 */
export function ifNoneMatchHolds(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  const opaque = (t: string): string => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => opaque(t) === opaque(tag));
}

/** Sets the ETag of a conditional read's 200 from the checkpoint its rows were read at. */
export function tagResponse(request: FastifyRequest, reply: FastifyReply, orgId: string, checkpoint: string): void {
  reply.header('etag', entityTag(request, orgId, checkpoint));
}

/** How an operation takes part: ETag and 304 only, or also answers from the response cache. */
export type ConditionalMode = 'revalidate' | 'cache';

/** The organisation of a conditional read's principal and its tenant checkpoint now. */
export type CheckpointOf = (request: FastifyRequest) => Promise<{ orgId: string; checkpoint: string }>;

/** What the checkpoint alone could answer: 304, or the body cached under the current tag. */
export type ConditionalAnswer = { readonly kind: 'not-modified'; readonly tag: string } | { readonly kind: 'cached'; readonly tag: string; readonly body: Buffer };

/** Answers conditional reads from the tenant checkpoint where it can, and fills the response cache. */
export class ConditionalReads {
  constructor(
    private readonly checkpointOf: CheckpointOf,
    private readonly cache: ResponseCache,
  ) {}

  /**
   * Before the handler: 'not-modified' when If-None-Match names the current tag, the cached
   * body when a 'cache' read has one under it; undefined when the read must run.
   */
  async answer(request: FastifyRequest, mode: ConditionalMode): Promise<ConditionalAnswer | undefined> {
    const header = request.headers['if-none-match'];
    // Without a tag to compare and no cache to answer from, reading the checkpoint first would only cost a round trip.
    if (header === undefined && (mode === 'revalidate' || !this.cache.enabled)) return undefined;
    const { orgId, checkpoint } = await this.checkpointOf(request);
    const tag = entityTag(request, orgId, checkpoint);
    if (ifNoneMatchHolds(header, tag)) return { kind: 'not-modified', tag };
    const body = mode === 'cache' ? this.cache.get(tag) : undefined;
    return body === undefined ? undefined : { kind: 'cached', tag, body };
  }

  /** After the handler (which tagged the reply): the body to send, kept in the cache for a 'cache' read. */
  body(reply: FastifyReply, mode: ConditionalMode, result: unknown): unknown {
    if (mode !== 'cache' || !this.cache.enabled) return result;
    // The route's compiled serializer, as for any other success.
    const body = Buffer.from(String(reply.serialize(result)), 'utf8');
    this.cache.set(String(reply.getHeader('etag')), body);
    return body;
  }
}
