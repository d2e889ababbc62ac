/**
 * Secrets spread over neighbouring strings: a token split across array elements or
 * sibling values (a terminal wrap, a chunked log line, `{"a":"ghp_A1b2…","b":"…Q7r8"}`),
 * and header lists written as pairs (`[["Set-Cookie","sid=…"]]`, Node's flat `rawHeaders`).
 */
import { redact } from '../redact/index.js';
import { PREFIX_RE } from '../redact/providers.js';
import { classifyPublicKey } from './keys.js';
import type { ScanCache } from './strings.js';

/** Redactor categories that name a token by its shape (a fixed prefix or structure), not by a key beside it. */
const SHAPED = new Set([
  'local-key',
  'support-grant',
  'gateway-key',
  'setup-token',
  'jwt',
  'aws-access-key',
  'github-token',
  'slack-token',
  'stripe-key',
  'cloudflare-token',
  'cloudflare-tunnel-token',
  'api-key',
  'private-key',
]);
const TAIL_RE = /[A-Za-z0-9_.+/=-]{3,}$/;
const HEAD_RE = /^[A-Za-z0-9_.+/=-]{4,}/;
/** A token's opening: a provider prefix the redactor knows, or one of the shapes it matches by pattern. */
const OPENING_RE = new RegExp(
  `${PREFIX_RE.source}|(?<![A-Za-z0-9])(?:b3iq_|gh[pousr]_|github_pat_|eyJ|xox[abposr]-|(?:sk|rk)_(?:live|test)_|whsec_|sk-|hf_|glpat-|npm_|AKIA|ASIA|AIza|cf(?:ut|at|k)_)`,
);
/** Pieces longer than this are whole values, not halves of a token. */
const MAX_PIECE = 4096;

function shapedCount(s: string, cache: ScanCache): number {
  const hit = cache.shaped.get(s);
  if (hit !== undefined) return hit;
  let n = 0;
  try {
    const counts = redact(s, cache.options).counts as Record<string, number>;
    for (const [name, c] of Object.entries(counts)) if (SHAPED.has(name)) n += c;
  } catch {
    n = 0;
  }
  if (cache.shaped.size < 50_000) cache.shaped.set(s, n);
  return n;
}

/** Whether the end of `s` could open a token (cached: an object's keys repeat in every element of a list). */
export function mayOpenToken(s: string, cache: ScanCache): boolean {
  let hit = cache.opens.get(s);
  if (hit === undefined) {
    const tail = TAIL_RE.exec(s);
    hit = tail !== null && OPENING_RE.test(tail[0]);
    if (cache.opens.size < 50_000) cache.opens.set(s, hit);
  }
  return hit;
}

/** Whether `left` + `right` holds a shaped token that neither holds alone. */
export function spansToken(left: string, right: string, cache: ScanCache): boolean {
  if (left.length > MAX_PIECE || right.length > MAX_PIECE) return false;
  const tail = TAIL_RE.exec(left);
  const head = HEAD_RE.exec(right);
  if (!tail || !head || tail[0].length + head[0].length < 20 || !OPENING_RE.test(tail[0])) return false;
  // siblings of one kind (`node-1-…`, `node-2-…`) are a list, not the halves of one token
  if (left.slice(0, 4) === right.slice(0, 4)) return false;
  const joined = shapedCount(left + right, cache);
  return joined > 0 && joined > shapedCount(left, cache) + shapedCount(right, cache);
}

/** Pieces at most this long, this many, are tried joined (a token cut in 3+ pieces). */
const MAX_SHORT_PIECE = 64;
const MAX_PIECES = 256;
/**
 * Whether short strings read one after another hold a shaped token that none holds alone
 * (`["b3iq_lo","cal_9Zq4…","…StUv"]`, or an object's keys in order).
 */
export function piecesHoldToken(parts: readonly string[], cache: ScanCache): boolean {
  if (!joinedHoldsToken(parts, cache)) return false;
  let alone = 0;
  for (const p of parts) alone += shapedCount(p, cache);
  return shapedCount(parts.join(''), cache) > alone;
}

/** Whether short strings read one after another hold a shaped token (some piece may hold one too). */
export function joinedHoldsToken(parts: readonly string[], cache: ScanCache): boolean {
  if (parts.length < 3 || parts.length > MAX_PIECES) return false;
  for (const p of parts) if (p.length > MAX_SHORT_PIECE) return false;
  const joined = parts.join('');
  return joined.length >= 20 && OPENING_RE.test(joined) && shapedCount(joined, cache) > 0;
}

/** The strings of a list of lists, in order (`[["b3iq_lo"],["cal_…"]]`), or null when it holds anything else or too much. */
export function nestedStrings(a: readonly unknown[]): string[] | null {
  const out: string[] = [];
  const stack: unknown[] = [a];
  let nested = false;
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x === 'string') {
      if (out.length >= MAX_PIECES) return null;
      out.push(x);
    } else if (Array.isArray(x)) {
      if (x !== a) nested = true;
      if (stack.length + x.length > MAX_PIECES) return null;
      for (let i = x.length - 1; i >= 0; i--) stack.push(x[i]);
    } else {
      return null;
    }
  }
  return nested ? out : null;
}

/** Indexes `i` of a list of strings where element i and i+1 together hold a token. */
export function splitTokenStarts(parts: ReadonlyArray<string | null>, cache: ScanCache): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < parts.length; i++) {
    const a = parts[i];
    const b = parts[i + 1];
    if (typeof a === 'string' && typeof b === 'string' && spansToken(a, b, cache)) out.push(i);
  }
  return out;
}

/** A value that could be a credential (not another header name: `["Authorization","Content-Type"]` is a CORS list). */
function headerValueCarries(v: string | undefined): boolean {
  if (v === undefined) return false;
  const t = v.trim();
  // 0x-hex is an address or a hash (`["token", "0x8335…"]`), public and judged by key elsewhere
  return t.length >= 8 && /[\d=.:/+ ]/.test(t) && !/^[A-Za-z]+(?:-[A-Za-z0-9]+)*$/.test(t) && !/^0x[0-9a-fA-F]+$/.test(t);
}

/** A header name that carries a credential (`Authorization`, `Cookie`, `Set-Cookie`, `X-Api-Key`). */
const HEADER_WORD_RE = /auth|cookie|key|token|secret|pass|pwd|session|csrf|bearer|credential/i;
function credentialHeader(name: string): boolean {
  // header names, and the names of env and query pairs (`["DB_PASSWORD", …]`, `Object.entries`)
  return (
    name.length <= 64 && HEADER_WORD_RE.test(name) && /^[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*$/.test(name) && classifyPublicKey(name) === 'credential'
  );
}

/** Indexes of header values in a flat `[name, value, name, value…]` list or a `[name, value]` pair. */
export function headerValueIndexes(words: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < words.length; i += 2) {
    if (headerValueCarries(words[i + 1]) && credentialHeader(words[i] as string)) out.push(i + 1);
  }
  return out;
}
