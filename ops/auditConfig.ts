/**
 * Configuration of the audit tools (sealer, verifier, exporter), read from the environment
 * like ops/config.ts; `.env.example` documents each variable. The signing key comes only
 * from here (a PEM or base64 seed, inline or in a file) and is never written to the database.
 */
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import { parsePublicKey, parseSigningKey, type SigningKey } from '../commands/audit/index.js';
import { ConfigError } from './config.js';

/** What the audit tools need from the environment. */
export interface AuditConfig {
  /** Owner or auditor URL (DATABASE_URL); the CLI's --database-url overrides it. */
  readonly databaseUrl: string | undefined;
  /** The sealer's Ed25519 key (NAVCAST_AUDIT_SIGNING_KEY or NAVCAST_AUDIT_SIGNING_KEY_FILE). */
  readonly signingKey: SigningKey | undefined;
  /** Public keys whose checkpoints a verifier trusts (NAVCAST_AUDIT_PUBLIC_KEYS, _FILE). */
  readonly trustedPublicKeys: readonly KeyObject[];
  /** Folder of the checkpoint store (NAVCAST_AUDIT_CHECKPOINT_DIR), absolute. */
  readonly checkpointDir: string | undefined;
}

function text(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Inline value or file contents of a variable pair; both set is an error. */
function inlineOrFile(env: Record<string, string | undefined>, name: string, cwd: string): string | undefined {
  const inline = text(env, name);
  const file = text(env, `${name}_FILE`);
  if (inline !== undefined && file !== undefined) throw new ConfigError(`set ${name} or ${name}_FILE, not both`);
  if (file === undefined) return inline;
  try {
    return readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new ConfigError(`${name}_FILE: cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * Reads the audit configuration. NAVCAST_AUDIT_PUBLIC_KEYS holds base64 raw keys separated
 * by commas or one SPKI PEM; NAVCAST_AUDIT_PUBLIC_KEYS_FILE a file of PEM blocks.
 */
export function loadAuditConfig(env: Record<string, string | undefined> = process.env, cwd: string = process.cwd()): AuditConfig {
  const keyText = inlineOrFile(env, 'NAVCAST_AUDIT_SIGNING_KEY', cwd);
  const publicText = inlineOrFile(env, 'NAVCAST_AUDIT_PUBLIC_KEYS', cwd);
  const checkpointDir = text(env, 'NAVCAST_AUDIT_CHECKPOINT_DIR');
  return {
    databaseUrl: text(env, 'DATABASE_URL'),
    signingKey: keyText === undefined ? undefined : parseSigningKey(keyText),
    trustedPublicKeys: publicText === undefined ? [] : splitPublicKeys(publicText).map(parsePublicKey),
    checkpointDir: checkpointDir === undefined ? undefined : resolve(cwd, checkpointDir),
  };
}

/** PEM blocks, or comma-separated base64 keys. */
export function splitPublicKeys(value: string): string[] {
  if (value.includes('-----BEGIN')) return value.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? [];
  return value
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
}
