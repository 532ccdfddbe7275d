import type { FundEvent, Product } from './events.js';
import type { MarketConfig } from './marketConfig.js';

/** What a fund stream knows: its versions by data hash, market configuration and products. */
export interface FundState {
  /** Highest version recorded, 0 when none. */
  readonly lastVersion: number;
  /** data hash -> version that recorded it. */
  readonly versionsByDataHash: ReadonlyMap<string, number>;
  readonly marketConfig: { readonly revision: number; readonly configHash: string; readonly config: MarketConfig } | null;
  readonly products: ReadonlySet<Product>;
}

export const initialFundState: FundState = { lastVersion: 0, versionsByDataHash: new Map(), marketConfig: null, products: new Set() };

/** Folds one fund event. */
export function evolveFund(state: FundState, event: FundEvent): FundState {
  switch (event.type) {
    case 'FundDataVersionRecorded':
      return {
        ...state,
        lastVersion: event.data.version,
        versionsByDataHash: new Map(state.versionsByDataHash).set(event.data.dataHash, event.data.version),
      };
    case 'DuplicateDataIgnored':
      return state;
    case 'MarketConfigSet':
      return { ...state, marketConfig: { revision: event.data.revision, configHash: event.data.configHash, config: event.data.config } };
    case 'ProductSelected':
      return { ...state, products: new Set(state.products).add(event.data.product) };
    case 'ProductDeselected': {
      const products = new Set(state.products);
      products.delete(event.data.product);
      return { ...state, products };
    }
  }
}
