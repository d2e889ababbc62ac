/**
 * The keyed pass's vocabulary: the host interface, the assignment forms' shapes and
 * categories, and position helpers that read only the line. Split from keyed.ts.
 */
import { BACKSLASH, DASH, isBlank, skipBlanks } from './chars.js';
import type { Category } from './patterns.js';
import type { ContainerState } from './scan-state.js';

/** What the keyed pass needs from the engine: markers, counts, and multi-line states. */
export interface KeyedHost {
  mark(cat: string): string;
  count(cat: string): void;
  /** A container value goes on past this line. */
  openContainer(st: ContainerState): void;
  /** A YAML block scalar (`key: |`) whose lines are indented deeper than `indent`. */
  openBlock(indent: number): void;
  /** `<key>` ends the line: its text is on the next lines. */
  openElement(tag: string): void;
}

export const CONTAINER_CATS = new Set<string>(['prompt-output', 'mnemonic', 'connector', 'customer-identity', 'certificate']);
export const HEADER_CATS = new Set<string>(['authorization', 'cookie']);
export const AUTH_SCHEME_RE = /^(?:Bearer|Basic|Digest|Token|ApiKey|Negotiate|NTLM|AWS4-HMAC-SHA256|Signature|bearer|basic|token)[ \t]+/;
export const YAML_BLOCK_RE = /^[|>][-+0-9]*[ \t]*(?:#.*)?$/;
/** A type between a key and its `=`: `var k string = "…"`, `val k: String = "…"`. */
export const TYPE_ANNOTATION_RE = /[ \t]*:?[ \t]*(?:string|String|str|&str|&'static str|\[\]byte|CharSequence|Text)[ \t]*=(?![=>])/y;

/**
 * Values that run to the end of the line after `key: ` even mid-line (a passphrase, a prompt
 * have spaces); any other `key: value` in running text ends where an inline value ends, so
 * the message around it survives (`Session: 30546173_42617 initialized by client …`).
 */
export const TO_LINE_END_CATS = new Set<string>(['password', 'mnemonic', 'prompt-output', 'private-key', 'authorization', 'cookie']);
export const GLUED_TOKEN_RE = /^(?=[^\s:]*\d)(?=[^\s:]*[A-Za-z])[A-Za-z0-9_+/=.-]{16,}(?![^\s,;"'])/;
export const UNIX_USER_KEY_RE = /^(?:r|l|e)?user(?:name)?$/i;
export const UNIX_LOGIN_RE = /^[a-z_][a-z0-9_.-]{0,31}\$?$/;
export const AUTH_LOG_RE = /\bsshd\b|\bpam_|\bsudo\b|\bsu\b|\blogin\b|\bcron\b|\bsystemd-logind\b|\bpasswd\b/i;

export type Separator = 'colon' | 'assign' | 'space' | 'pair';

export interface KeyHit {
  /** First character, leading dashes of a flag included. */
  start: number;
  keyEnd: number;
  key: string;
  cat: Category;
  isFlag: boolean;
  /** The key lies inside an unquoted value this pass already redacted. */
  inside: boolean;
}

/** Key words that hint a line may carry key material (for the 64-hex rule's gate). */
export const PRIVATE_HINT_WORDS = /^(?:priv|secret|mnemonic|seed|phrase|key)$/i;

export const TUNNEL_HINT_WORDS = /^(?:tunnel|conn)$/i;

/** The char code at `i`, or -1 outside the line. */
export function codeAt(line: string, i: number): number {
  return i >= 0 && i < line.length ? line.charCodeAt(i) : -1;
}

/** How many backslashes run right before `i`. */
export function slashesBefore(line: string, i: number): number {
  let b = 0;
  while (i - 1 - b >= 0 && line.charCodeAt(i - 1 - b) === BACKSLASH) b++;
  return b;
}

export function onlyBlanksBefore(line: string, s: number): boolean {
  for (let i = 0; i < s; i++) if (!isBlank(line.charCodeAt(i))) return false;
  return true;
}

/** The indent of a YAML line, a list dash counted as indent. */
export function blockIndent(line: string): number {
  let ind = skipBlanks(line, 0);
  if (codeAt(line, ind) === DASH) ind++;
  return ind;
}

/** Whether the key at `s` starts the line (after blanks, a list dash or `export `). */
export function lineStartKey(line: string, s: number): boolean {
  let i = skipBlanks(line, 0);
  if (codeAt(line, i) === DASH && isBlank(codeAt(line, i + 1))) i = skipBlanks(line, i + 1);
  if (i >= s) return true;
  return line.startsWith('export ', i) && line.slice(i + 7, s).trim() === '';
}
