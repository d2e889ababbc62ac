/**
 * The public-boundary check's entry point: `checkPublicPayload(value)` and
 * `parsePublicPayload(text)`. The rules live in src/public/ (categories, key names, string
 * shapes, hosts, command lines, the strict JSON reader, the walk).
 */
import { B3iqError } from '../core/errors.js';
import { parseStrictJson } from './json.js';

export { PUBLIC_CATEGORIES, type PublicCategory, type PublicCheckResult, type PublicViolation } from './categories.js';
export { checkPublicPayload } from './check.js';
export { MAX_PUBLIC_DEPTH, SHADOWED, shadowedEntries } from './json.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function decodeUtf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new B3iqError('E_INVALID_JSON', 'payload is not valid UTF-8 (JSON text must be UTF-8)');
  }
}

/**
 * Parses a public payload strictly. The value is what `JSON.parse` gives; an object whose
 * keys repeat also carries the shadowed values (see `shadowedEntries`), so
 * `checkPublicPayload` reports the repetition and judges every value that was published.
 * Bytes must be UTF-8 (RFC 8259): a stray byte inside a token would otherwise become
 * U+FFFD and hide the token from every rule while the published bytes still carry it.
 * Throws B3iqError E_TOO_DEEP (nesting over MAX_PUBLIC_DEPTH) or E_INVALID_JSON; messages
 * never echo the input.
 */
export function parsePublicPayload(text: string | Uint8Array, opts: { maxDepth?: number } = {}): unknown {
  try {
    return parseStrictJson(typeof text === 'string' ? text : decodeUtf8(text), opts);
  } catch (e) {
    if (e instanceof B3iqError) throw e;
    throw new B3iqError('E_INVALID_JSON', 'payload is not valid JSON');
  }
}
