import { configHash } from '../identity/hashes.js';
import type { Decider } from '../decider.js';
import { NavcastError } from '../errors.js';
import type { CommandMetadata } from '../organizations/commands.js';
import type { FundEvent, Product } from './events.js';
import { evolveFund, initialFundState, type FundState } from './fundState.js';
import type { MarketConfig } from './marketConfig.js';

/** Commands on a fund's settings (fund stream), already validated and authorised. */
export type FundSettingsCommand =
  | { readonly type: 'SetMarketConfig'; readonly fundIdentityHash: string; readonly config: MarketConfig }
  | { readonly type: 'SelectProduct'; readonly fundIdentityHash: string; readonly product: Product }
  | { readonly type: 'DeselectProduct'; readonly fundIdentityHash: string; readonly product: Product };

/** The fund has no recorded data version: settings of unknown funds are refused. */
export class FundNotFoundError extends NavcastError {
  readonly code = 'fund_not_found';
  readonly status = 404;
  constructor(readonly fundIdentityHash: string) {
    super(`no fund with identity ${fundIdentityHash} has data in this organisation`);
  }
}

/**
 * Decides a settings change. Setting the same configuration again, selecting a selected
 * product or deselecting one that is not selected changes nothing (empty result).
 */
function decideFundSettings(command: FundSettingsCommand, state: FundState, meta: CommandMetadata): FundEvent[] {
  const at = meta.at;
  if (state.lastVersion === 0) throw new FundNotFoundError(command.fundIdentityHash);
  const fundIdentityHash = command.fundIdentityHash;
  switch (command.type) {
    case 'SetMarketConfig': {
      const hash = configHash(command.config);
      if (state.marketConfig?.configHash === hash) return [];
      const revision = (state.marketConfig?.revision ?? 0) + 1;
      return [{ type: 'MarketConfigSet', data: { fundIdentityHash, revision, config: command.config, configHash: hash, setAt: at } }];
    }
    case 'SelectProduct':
      if (state.products.has(command.product)) return [];
      return [{ type: 'ProductSelected', data: { fundIdentityHash, product: command.product, selectedAt: at } }];
    case 'DeselectProduct':
      if (!state.products.has(command.product)) return [];
      return [{ type: 'ProductDeselected', data: { fundIdentityHash, product: command.product, deselectedAt: at } }];
  }
}

/** A fund's settings, decided on its fund stream. */
export const fundSettingsDecider: Decider<FundSettingsCommand, FundEvent, FundState> = { initialState: initialFundState, evolve: evolveFund, decide: decideFundSettings };
