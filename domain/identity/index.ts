/** Identity hashing (file, fund, data, evergreen, config) and alias resolution. */
export { DEFAULT_MAX_ALIAS_DEPTH, resolveAlias, type ResolvedIdentity } from './aliases.js';
export { canonicalFundTable, canonicalNumber, dataHash, dataHashOfTable } from './canonicalTable.js';
export { CanonicalTableError, fundDataFromCanonicalTable } from './canonicalTableReader.js';
export { AliasCycleError, AliasDepthExceededError, IdentityInputError } from './errors.js';
export { configHash, evergreenIdentityHash, fileIdentityHash, fundIdentityHash } from './hashes.js';
export { IdentityHash, TRIMMED_CHARACTERS, identityOrgId, identityText } from './text.js';
