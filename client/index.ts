/**
 * The typed client of the NAVcast JSON API, for the Excel add-in, the sampler node and any
 * TypeScript integration: openapi-fetch over the types generated from /openapi.json
 * (navcastApi.ts, `npm run api:client`), so every path, parameter and response is checked by
 * the compiler against what the server publishes. It runs in Node and in a browser.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from './navcastApi.js';

export type { components, operations, paths };

/** A client of one NAVcast deployment, authenticated with an API key or a machine token. */
export type NavcastClient = Client<paths>;

/** Where the API is and who calls it. */
export interface NavcastClientOptions {
  /** The portal's address, e.g. https://navcast.example.com (no /api suffix). */
  readonly baseUrl: string;
  /** An API key (sk_live_...) or a machine token (mt_...). */
  readonly token: string;
  /** Another fetch (tests, proxies); default the global one. */
  readonly fetch?: typeof fetch;
}

/** A problem+json answer of the API, with its stable code. */
export class NavcastApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'NavcastApiError';
  }
}

/** Creates a client; every request carries `Authorization: Bearer <token>`. */
export function createNavcastClient(options: NavcastClientOptions): NavcastClient {
  return createClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), headers: { authorization: `Bearer ${options.token}` }, fetch: options.fetch });
}

/** The data of an openapi-fetch result, or its problem thrown as a NavcastApiError. */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined) return result.data;
  const problem = (result.error ?? {}) as { code?: string; detail?: string };
  throw new NavcastApiError(result.response.status, problem.code ?? 'unknown', problem.detail ?? result.response.statusText);
}

type Fund = operations['listFunds']['responses'][200]['content']['application/json']['funds'][number];

/** Every fund of the organisation, following `nextCursor` page by page (`limit` per page). */
export async function listAllFunds(client: NavcastClient, limit = 1000): Promise<Fund[]> {
  const funds: Fund[] = [];
  let after: string | undefined;
  for (;;) {
    const page = dataOf(await client.GET('/api/v1/funds', { params: { query: { limit, ...(after === undefined ? {} : { after }) } } }));
    funds.push(...page.funds);
    if (page.nextCursor === null) return funds;
    after = page.nextCursor;
  }
}
