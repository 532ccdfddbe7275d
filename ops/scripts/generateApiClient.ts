/**
 * npm run api:client: regenerates client/navcastApi.ts (the types of the typed API client)
 * from the document the app generates. Run it after changing an operation in web/api/.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiClientSource } from './apiClientSource.js';

const target = fileURLToPath(new URL('../../client/navcastApi.ts', import.meta.url));
writeFileSync(target, await apiClientSource());
process.stdout.write(`wrote ${target}\n`);
