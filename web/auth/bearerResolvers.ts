import type { WebContext } from '../context.js';
import type { BearerResolvers } from './authenticate.js';

/** Resolvers of API keys and machine tokens. (Being built: none accepted yet.) */
export function createBearerResolvers(_ctx: WebContext): BearerResolvers {
  return {};
}
