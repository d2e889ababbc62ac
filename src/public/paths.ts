/**
 * How a violation names where it is: a JSONPath whose keys are printed only when they are
 * not themselves secrets (a token, an e-mail, a token hash or a random-looking key as a key
 * is replaced by a label), with invisible characters written as escapes.
 */
import { credentialRe } from '../core/credential-kinds.js';
import { hasLooseB3iqToken } from './disguises.js';
import type { PublicCategory, PublicViolation } from './categories.js';
import type { Finding } from './strings.js';

const TOKEN_PREFIX_RE = credentialRe('');

/** A key of 16+ letters and digits in both cases with digits looks random: it may be a secret no rule knows, so a path does not print it. */
export const OPAQUE_KEY_RE = /^(?=(?:[^0-9]*[0-9]){2})(?=(?:[^A-Z]*[A-Z]){2})(?=(?:[^a-z]*[a-z]){2})[0-9A-Za-z]{16,}$/;
/** Whether a path and one more step spell a b3iq token (`{"b3iq":{"local":"9Zq4…"}}`, the body as a key or a value). */
export function pathSpellsToken(path: string, step: string): boolean {
  if (step.length < 20 || step.length > 128 || !/b3iq/i.test(path)) return false;
  return hasLooseB3iqToken(`${path.slice(-64).replace(/[[\]"$]+/g, '.')}.${step}`);
}

/** A key as it may appear in a path: a key that is itself a secret is replaced by a label. */
export function keyLabel(key: string, findings: Finding[]): string {
  if (findings.length === 0) return OPAQUE_KEY_RE.test(key) ? '[opaque-key]' : key;
  const b3iq = TOKEN_PREFIX_RE.exec(key);
  return b3iq ? `[b3iq-${b3iq[1]}-token]` : `[${findings[0]![0]}]`;
}

/** Invisible and direction-changing characters: written as `\uXXXX`, so a path shows the key a parser sees. */
const INVISIBLE_RE = /[\p{Cf}\p{Zl}\p{Zp}\u0080-\u009f]/gu;

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return `${parent}.${key}`;
  const quoted = JSON.stringify(key).replace(INVISIBLE_RE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${parent}[${quoted}]`;
}

/** Categories whose containers are refused whole and whose members are judged as well. */
export const JUDGED_INSIDE = new Set<PublicCategory>(['raw-prompt-output', 'request-log']);

/** Inside a prompt or log already refused whole, its members' other findings count, not the same one again. */
export function withoutRepeatsInside(all: PublicViolation[]): PublicViolation[] {
  const open = new Map<PublicCategory, string>();
  return all.filter((v) => {
    if (!JUDGED_INSIDE.has(v.category)) return true;
    const outer = open.get(v.category);
    if (outer !== undefined && (v.path.startsWith(`${outer}.`) || v.path.startsWith(`${outer}[`))) return false;
    open.set(v.category, v.path);
    return true;
  });
}
