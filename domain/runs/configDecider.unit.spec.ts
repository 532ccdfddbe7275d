import { describe, expect, it } from 'vitest';
import { specFor, specMeta } from '../../test/kit/decider.js';
import { modelConfigDecider, ModelConfigRuleError, type ModelConfigCommand } from './configDecider.js';
import type { ModelConfigEvent } from './configEvents.js';
import { ModelConfigError, parseModelConfig } from './modelConfig.js';

const T1 = '2026-12-07T10:00:00.000Z';
const given = specFor(modelConfigDecider, specMeta(T1));
const configId = '6f1c2a8e-3b1d-4c5e-9f00-0a1b2c3d4e5f';
const quarterly = { name: 'Quarterly', fit: { chains: 4 } };
const short = { name: 'Quarterly', fit: { chains: 2, warmup: 200, draws: 200 } };
const parsed = (doc: unknown) => parseModelConfig(doc);

const created = (doc: unknown = quarterly): ModelConfigEvent => ({
  type: 'ModelConfigCreated',
  data: { configId, revision: 1, document: parsed(doc).document, configHash: parsed(doc).configHash, createdAt: T1 },
});
const revised = (revision: number, doc: unknown, previous: unknown): ModelConfigEvent => ({
  type: 'ModelConfigRevised',
  data: { configId, revision, document: parsed(doc).document, configHash: parsed(doc).configHash, previousHash: parsed(previous).configHash, revisedAt: T1 },
});
const retired: ModelConfigEvent = { type: 'ModelConfigRetired', data: { configId, retiredAt: T1 } };
const create = (document: unknown = quarterly): ModelConfigCommand => ({ type: 'CreateModelConfig', configId, document });
const revise = (document: unknown): ModelConfigCommand => ({ type: 'ReviseModelConfig', configId, document });
const retire: ModelConfigCommand = { type: 'RetireModelConfig', configId };

describe('model configuration decider', () => {
  it('creates revision 1 with the hash of the parsed document, and again nothing', () => {
    given().when(create()).then([created()]);
    given([created()]).when(create()).thenNothingHappened();
    // Written differently, the same configuration: still nothing.
    given([created()])
      .when(create({ fit: { chains: 4, draws: 1000 }, name: 'Quarterly' }))
      .thenNothingHappened();
  });

  it('refuses to create over another configuration, and refuses an invalid document with every problem', () => {
    given([created()]).when(create(short)).thenThrows(ModelConfigRuleError, 'model_config_exists');
    given()
      .when(create({ name: '', fit: { chains: 0 } }))
      .thenThrows(ModelConfigError, 'model_config_invalid');
  });

  it('revises to a new hash keeping the previous one, and not when the hash is the same', () => {
    given([created()])
      .when(revise(short))
      .then([revised(2, short, quarterly)]);
    given([created(), revised(2, short, quarterly)])
      .when(revise(quarterly))
      .then([revised(3, quarterly, short)]);
    given([created()])
      .when(revise({ ...quarterly }))
      .thenNothingHappened();
  });

  it('retires once; a retired configuration is not revised, and an unknown one is not found', () => {
    given([created()]).when(retire).then([retired]);
    given([created(), retired]).when(retire).thenNothingHappened();
    given([created(), retired]).when(revise(short)).thenThrows(ModelConfigRuleError, 'model_config_retired');
    for (const command of [revise(short), retire]) {
      given().when(command).thenThrows(ModelConfigRuleError, 'model_config_not_found');
    }
  });

  it('answers 404 for an unknown configuration and 409 for the other rules', () => {
    expect(new ModelConfigRuleError('model_config_not_found', 'x').status).toBe(404);
    expect(new ModelConfigRuleError('model_config_exists', 'x').status).toBe(409);
    expect(new ModelConfigRuleError('model_config_retired', 'x').status).toBe(409);
  });

  it('has no command that deletes', () => {
    const commands: ModelConfigCommand['type'][] = ['CreateModelConfig', 'ReviseModelConfig', 'RetireModelConfig'];
    expect(commands.some((c) => /delete/i.test(c))).toBe(false);
  });
});
