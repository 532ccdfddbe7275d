/** The decider of a model configuration's stream: create, revise (a new hash), retire; never delete. */
import type { Decider } from '../decider.js';
import { NavcastError } from '../errors.js';
import type { CommandMetadata } from '../organizations/commands.js';
import type { ModelConfigEvent } from './configEvents.js';
import { parseModelConfig } from './modelConfig.js';

export type ModelConfigCommand =
  | { readonly type: 'CreateModelConfig'; readonly configId: string; readonly document: unknown }
  | { readonly type: 'ReviseModelConfig'; readonly configId: string; readonly document: unknown }
  | { readonly type: 'RetireModelConfig'; readonly configId: string };

/** What a configuration's stream knows. */
export interface ModelConfigState {
  readonly revision: number;
  readonly configHash: string | null;
  readonly retired: boolean;
}

/** A rule of model configurations that the command breaks (404 unknown, else 409). */
export class ModelConfigRuleError extends NavcastError {
  readonly status: number;
  constructor(
    readonly code: 'model_config_not_found' | 'model_config_exists' | 'model_config_retired',
    message: string,
  ) {
    super(message);
    this.status = code === 'model_config_not_found' ? 404 : 409;
  }
}

function decideModelConfig(command: ModelConfigCommand, state: ModelConfigState, meta: CommandMetadata): ModelConfigEvent[] {
  const { configId } = command;
  switch (command.type) {
    case 'CreateModelConfig': {
      const { document, configHash } = parseModelConfig(command.document);
      if (state.revision > 0) {
        if (state.configHash === configHash && state.revision === 1) return [];
        throw new ModelConfigRuleError('model_config_exists', `model configuration ${configId} already exists: revise it instead`);
      }
      return [{ type: 'ModelConfigCreated', data: { configId, revision: 1, document, configHash, createdAt: meta.at } }];
    }
    case 'ReviseModelConfig': {
      if (state.revision === 0 || state.configHash === null) throw new ModelConfigRuleError('model_config_not_found', `there is no model configuration ${configId}`);
      if (state.retired) throw new ModelConfigRuleError('model_config_retired', `model configuration ${configId} is retired: create a new one`);
      const { document, configHash } = parseModelConfig(command.document);
      if (configHash === state.configHash) return [];
      return [{ type: 'ModelConfigRevised', data: { configId, revision: state.revision + 1, document, configHash, previousHash: state.configHash, revisedAt: meta.at } }];
    }
    case 'RetireModelConfig': {
      if (state.revision === 0) throw new ModelConfigRuleError('model_config_not_found', `there is no model configuration ${configId}`);
      return state.retired ? [] : [{ type: 'ModelConfigRetired', data: { configId, retiredAt: meta.at } }];
    }
  }
}

function evolve(state: ModelConfigState, event: ModelConfigEvent): ModelConfigState {
  switch (event.type) {
    case 'ModelConfigCreated':
    case 'ModelConfigRevised':
      return { ...state, revision: event.data.revision, configHash: event.data.configHash };
    case 'ModelConfigRetired':
      return { ...state, retired: true };
  }
}

export const modelConfigDecider: Decider<ModelConfigCommand, ModelConfigEvent, ModelConfigState> = {
  initialState: { revision: 0, configHash: null, retired: false },
  evolve,
  decide: decideModelConfig,
};
