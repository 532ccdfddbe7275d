/** Worker thread of the SBC runs: one job is one replication seed. */
import { serveJobs } from './pool.js';
import { runSbcReplication, type SbcSettings } from './sbc.js';

serveJobs<number, ReturnType<typeof runSbcReplication>, SbcSettings>((seed, settings) => runSbcReplication(seed, settings));
