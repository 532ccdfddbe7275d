/** Checks on a model's JSON data at the boundary: wrong data fails loudly, once. */
import { NavcastError } from '../../../domain/errors.js';

/** Thrown when a model's data object lacks a field or has the wrong shape. */
export class ModelDataError extends NavcastError {
  readonly code = 'MODEL_DATA_INVALID';
  readonly status = 400;
  constructor(model: string, detail: string) {
    super(`${model}: ${detail}`);
    this.name = 'ModelDataError';
  }
}

type Record_ = Record<string, unknown>;

function field(model: string, data: unknown, key: string): unknown {
  if (typeof data !== 'object' || data === null) throw new ModelDataError(model, 'data is not an object');
  if (!(key in data)) throw new ModelDataError(model, `missing field ${key}`);
  return (data as Record_)[key];
}

/** A finite number field. */
export function numberField(model: string, data: unknown, key: string): number {
  const value = field(model, data, key);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ModelDataError(model, `${key} is not a finite number`);
  }
  return value;
}

/** A vector field of finite numbers, optionally of a required length. */
export function vectorField(model: string, data: unknown, key: string, length?: number): Float64Array {
  const value = field(model, data, key);
  if (!Array.isArray(value)) throw new ModelDataError(model, `${key} is not an array`);
  if (length !== undefined && value.length !== length) {
    throw new ModelDataError(model, `${key} has length ${value.length}, expected ${length}`);
  }
  const out = Float64Array.from(value as number[]);
  if (!value.every((v) => typeof v === 'number') || !out.every(Number.isFinite)) {
    throw new ModelDataError(model, `${key} has a non-finite entry`);
  }
  return out;
}

/** A matrix field given as a list of rows (posteriordb's layout), returned row-major. */
export function matrixField(model: string, data: unknown, key: string, rows: number, cols: number): Float64Array {
  const value = field(model, data, key);
  if (!Array.isArray(value) || value.length !== rows) {
    throw new ModelDataError(model, `${key} is not a list of ${rows} rows`);
  }
  const out = new Float64Array(rows * cols);
  value.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== cols) throw new ModelDataError(model, `${key}[${i}] is not ${cols} long`);
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new ModelDataError(model, `${key}[${i}][${j}] is not finite`);
      out[i * cols + j] = v;
    }
  });
  return out;
}
