/**
 * The redaction engine (docs/contract.md sections 4, 7, 9): `redact(text)` → `{text, counts}`,
 * `createRedactStream()` → a Transform. See docs/redaction.md for what is caught, the
 * marker and pseudonym formats, and what is deliberately kept.
 */
import { RedactEngine, type RedactCounts, type RedactOptions } from './engine.js';

export { RedactEngine, MAX_LINE, type RedactCounts, type RedactOptions } from './engine.js';
export { RedactStream, createRedactStream } from './stream.js';
export { Pseudonymizer } from './pseudonyms.js';
export { CATEGORIES, type Category } from './patterns.js';

/** Redacts a whole text. Same output as piping it through `createRedactStream()`. */
export function redact(text: string, opts: RedactOptions = {}): { text: string; counts: RedactCounts } {
  const eng = new RedactEngine(opts);
  const input = typeof text === 'string' ? text : String(text);
  const parts = input.split('\n');
  const out: string[] = [];
  const last = parts.length - 1;
  for (let i = 0; i < last; i++) {
    const r = eng.line(parts[i] as string);
    if (r !== null) out.push(r + '\n');
  }
  const r = eng.end(parts[last] as string);
  if (r !== null) out.push(r);
  return { text: out.join(''), counts: { ...eng.counts } };
}
