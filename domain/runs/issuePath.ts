/** A zod issue's path as people read it: `fit.thresholds.maxRhat`, `windowList[2]`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, key) => (typeof key === 'number' ? `${s}[${key}]` : s === '' ? String(key) : `${s}.${String(key)}`), '');
}
