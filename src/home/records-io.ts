import { B3iqError } from '../core/errors.js';

/** The shared reading rules of every versioned record file (node.json, credentials.json). */

export function corrupt(file: string, why: string): B3iqError {
  return new B3iqError('E_CORRUPT', `${file} is corrupt (${why}); it was left untouched.`, { next: 'restore-backup' });
}

/**
 * Parses and checks the version; a newer schema is refused before anything else is looked
 * at. `oldest` is the lowest version a migration exists for (default: only `current`).
 */
export function parseVersioned(file: string, data: Buffer | string, current: number, oldest = current): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch {
    throw corrupt(file, 'not valid JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw corrupt(file, 'not a JSON object');
  const v = (doc as { schemaVersion?: unknown }).schemaVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < Math.min(1, oldest)) throw corrupt(file, 'no schemaVersion');
  if (v > current) {
    throw new B3iqError('E_SCHEMA_NEWER', `${file} has schemaVersion ${v}, newer than this b3iq understands (${current}); it was left untouched.`, {
      hint: 'Upgrade b3iq-operator to read it.',
    });
  }
  if (v < oldest) throw corrupt(file, `schemaVersion ${v} is older than any this b3iq can migrate`);
  return doc as Record<string, unknown>;
}
