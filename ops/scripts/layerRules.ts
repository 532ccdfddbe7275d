/**
 * The import rules of docs/architecture.md ("Layers"), as data: which folders a folder may
 * import, which it may not, and which packages. checkLayers.ts applies every rule whose folder
 * holds the importing file, so a sub-folder's rule narrows its layer's.
 */

/** One rule: files under `folder` (a path prefix, relative to the repository root). */
export interface LayerRule {
  readonly folder: string;
  /** When given: the only folders (or files) it may import, besides its own folder. */
  readonly may?: readonly string[];
  /** Folders (or files) it may not import. */
  readonly mayNot?: readonly string[];
  /** Files under `folder` that the rule does not bind (composition roots of a layer). */
  readonly except?: readonly string[];
  /** Type-only imports (`import type`) are exempt from `mayNot`: types carry no client. */
  readonly typesExempt?: boolean;
  /** When given: the only packages (bare specifiers) it may import. */
  readonly packages?: readonly RegExp[];
  /** Packages it may not import. */
  readonly packagesNot?: readonly RegExp[];
  /** Why, printed with a violation. */
  readonly why: string;
}

const ALL = ['domain', 'commands', 'projections', 'read-models', 'sampler', 'web', 'client', 'addin', 'ops'];

/** The layers (top-level folders), then narrower rules inside them. */
export const LAYER_RULES: readonly LayerRule[] = [
  { folder: 'domain', may: [], packages: [/^zod(\/|$)/, /^@noble\/hashes(\/|$)/], why: 'domain/ is pure: no layer of ours, no node:*, no I/O package' },
  { folder: 'commands', may: ['domain'], why: 'the write side sees only the domain' },
  { folder: 'projections', may: ['domain', 'read-models'], why: 'projectors turn events into read-model rows' },
  { folder: 'read-models', may: ['domain'], why: 'read models are tables and their queries' },
  { folder: 'sampler', may: ['domain'], why: 'the samplers and the model are computation only' },
  { folder: 'web', may: ['domain', 'commands', 'read-models'], why: 'the web app reads read models and runs commands' },
  { folder: 'client', may: [], packages: [/^openapi-fetch(\/|$)/], why: 'the typed API client knows only the published contract and runs in a browser too: no layer of ours, no node:*' },
  { folder: 'addin', may: ['domain', 'client'], why: 'the add-in runs in Excel and calls the API through the generated client' },
  { folder: 'ops', may: ALL, why: 'composition' },
  { folder: 'test', may: [...ALL, 'test'], why: 'tests may use everything' },

  // The sampler: generic NUTS apart from the NAVcast model, and the model's parts in order.
  { folder: 'sampler/nuts', may: ['domain'], why: 'the generic sampler knows no model' },
  { folder: 'sampler/models', may: ['domain', 'sampler/nuts'], why: 'reference models use the sampler only' },
  { folder: 'sampler/navcast/model', may: ['domain', 'sampler/nuts', 'sampler/models/kit'], why: 'the density knows no input format, fit or output' },
  { folder: 'sampler/navcast/data', may: ['domain', 'sampler/nuts', 'sampler/navcast/model'], why: 'data preparation feeds the model' },
  { folder: 'sampler/navcast/simulate', may: ['domain', 'sampler/nuts', 'sampler/navcast/model', 'sampler/navcast/data'], why: 'the simulator writes fund inputs' },
  {
    folder: 'sampler/navcast/outputs',
    may: ['domain', 'sampler/nuts', 'sampler/navcast/model', 'sampler/navcast/data', 'sampler/navcast/fit/fitConfig.ts'],
    why: 'outputs summarise draws (and read the failure thresholds)',
  },
  { folder: 'sampler/navcast/fit', may: ['domain', 'sampler/nuts', 'sampler/navcast/model', 'sampler/navcast/data', 'sampler/navcast/outputs'], why: 'the fit composes model, data and outputs' },
  { folder: 'sampler/navcast/report', may: ['domain', 'sampler/navcast/data', 'sampler/navcast/outputs', 'sampler/navcast/fit'], why: 'the report renders a summary' },

  // The web app: routes (pages) and the JSON API both go through services.
  { folder: 'web/api', mayNot: ['web/routes'], why: 'the JSON API and the pages share services, not each other' },
  { folder: 'web/routes', mayNot: ['web/api'], why: 'the pages and the JSON API share services, not each other' },
  {
    folder: 'web',
    except: ['web/services', 'web/app.ts'],
    mayNot: ['read-models', 'commands', 'web/tenantData.ts'],
    packagesNot: [/^pg$/],
    typesExempt: true,
    why: 'only web/services/ touches a database client, the read models and the command handlers (routes parse, authorize and render)',
  },
];

/**
 * Folders whose code never touches a database client, checked on the syntax tree as well as
 * the imports: no `.pool` property and no `.query(...)` call (a request's `query` is a
 * property, not a call). Their reads and writes go through web/services.
 */
export const DATABASE_FREE: readonly string[] = ['web/routes', 'web/api', 'web/views', 'web/http', 'web/auth'];
