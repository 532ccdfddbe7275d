import { fundsProjection } from './funds/fundsProjection.js';
import { marketProjection } from './funds/marketProjection.js';
import { credentialsProjection } from './organizations/credentialsProjection.js';
import { organizationsProjection } from './organizations/organizationsProjection.js';
import type { Projection } from './projection.js';

/** Every projection the platform runs; the runner and `audit replay` iterate over these. */
export const allProjections: readonly Projection[] = [organizationsProjection, credentialsProjection, fundsProjection, marketProjection];
