/**
 * The current tenant's read-model checkpoint (migration 0104): which event of its log every
 * projection has applied. Read first in a one-round-trip read, it tags the rows that follow:
 * they are at least that fresh, so a label is never newer than the rows it tags, and a
 * client's copy is confirmed (304) only while nothing was applied since its label.
 */
import { z } from 'zod';
import type { PreparedQuery } from './tenantRead.js';

const CheckpointRow = z.object({ checkpoint: z.string() });

/** The checkpoint as text, e.g. "funds@1,organizations@1;funds@1=42,organizations@1=17". */
export function tenantCheckpointQuery(): PreparedQuery<string> {
  return {
    name: 'tenant_checkpoint',
    text: 'SELECT read_models.tenant_checkpoint() AS checkpoint',
    types: [],
    values: [],
    parse: (rows) => CheckpointRow.parse(rows[0]).checkpoint,
  };
}
