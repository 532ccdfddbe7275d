import type { z } from 'zod';

/** A zod issue's path as people read it: `fit.thresholds.maxRhat`, `windowList[2]`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, key) => (typeof key === 'number' ? `${s}[${key}]` : s === '' ? String(key) : `${s}.${String(key)}`), '');
}

/** Every issue of a failed parse as a "path: message" line (`(root)` for the document itself). */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issuePath(issue.path) || '(root)'}: ${issue.message}`);
}
