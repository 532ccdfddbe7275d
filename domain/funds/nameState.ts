import type { FundNameEvent } from './events.js';

/**
 * What a fund-name stream knows: which identity holds the name now (with its file), every
 * identity the name ever had, and the live aliases (old identity -> the one it was renamed
 * to). Renaming back to an earlier identity drops that identity's own alias, so the alias
 * map never holds a cycle.
 */
export interface FundNameState {
  readonly current: { readonly identity: string; readonly filename: string } | null;
  readonly identities: ReadonlySet<string>;
  readonly aliases: ReadonlyMap<string, string>;
}

export const initialFundNameState: FundNameState = { current: null, identities: new Set(), aliases: new Map() };

/** Folds one fund-name event. */
export function evolveFundName(state: FundNameState, event: FundNameEvent): FundNameState {
  switch (event.type) {
    case 'FundIdentityRegistered': {
      const identities = new Set(state.identities).add(event.data.fundIdentityHash);
      const current = state.current ?? { identity: event.data.fundIdentityHash, filename: event.data.filename };
      return { ...state, current, identities };
    }
    case 'FundRenamed': {
      const aliases = new Map(state.aliases);
      aliases.set(event.data.fromIdentityHash, event.data.toIdentityHash);
      aliases.delete(event.data.toIdentityHash);
      return { ...state, aliases, current: { identity: event.data.toIdentityHash, filename: event.data.toFilename } };
    }
  }
}
