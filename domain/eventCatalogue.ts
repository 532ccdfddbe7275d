import { EventPayloadRedacted, EventTypeRegistry } from './events/index.js';
import { evergreenEventDefinitions } from './evergreen/index.js';
import { fundEventDefinitions } from './funds/index.js';
import { marketEventDefinitions } from './market/index.js';
import { organizationEventDefinitions } from './organizations/index.js';
import { modelConfigEventDefinitions } from './runs/index.js';

/**
 * The registry of every event type the platform writes and reads: the log's own
 * (redaction) and each domain's. Each process builds one at its composition root; add a
 * domain's definitions here when the domain arrives.
 */
export function createEventRegistry(): EventTypeRegistry {
  return new EventTypeRegistry().register(
    EventPayloadRedacted,
    ...organizationEventDefinitions,
    ...fundEventDefinitions,
    ...evergreenEventDefinitions,
    ...marketEventDefinitions,
    ...modelConfigEventDefinitions,
  );
}
