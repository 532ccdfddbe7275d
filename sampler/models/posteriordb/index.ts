/** Hand-written log densities of the posteriordb reference posteriors and Neal's funnel. */
export { arK } from './arK.js';
export { arma11 } from './arma11.js';
export { blr } from './blr.js';
export { diamonds } from './diamonds.js';
export { eightSchoolsCentered, eightSchoolsNoncentered } from './eightSchools.js';
export { funnelCentered, funnelNoncentered } from './funnel.js';
export { garch11 } from './garch11.js';
export { gpPoisRegr } from './gpPoisRegr.js';
export { kilpisjarvi } from './kilpisjarvi.js';
export { lowDimGaussMix } from './lowDimGaussMix.js';
export { referencePosteriors, referencePosterior, UnknownPosteriorError, type ReferencePosterior } from './catalogue.js';
