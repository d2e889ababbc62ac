/**
 * The keyed pass's vocabulary: the host interface, the assignment forms' shapes and
 * categories, and position helpers that read only the line. Split from keyed.ts.
 */
import { BACKSLASH, DASH, isBlank, skipBlanks } from './chars.js';
import type { Category } from './patterns.js';
import type { ContainerState } from './scan-state.js';
import { looksRandom } from './stand-ins.js';

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
/** A YAML block scalar's header, maybe after a tag (`!vault |`, Ansible's encrypted values). */
export const YAML_BLOCK_RE = /^(?:![\w!/.-]*[ \t]+)?[|>][-+0-9]*[ \t]*(?:#.*)?$/;
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

export type Separator = 'colon' | 'assign' | 'space' | 'pair' | 'array';

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

/** After a C array declarator (`secret[]`, `secret[25]`) at `i`: the index after `]`, or -1. */
export function arraySuffixEnd(line: string, i: number): number {
  if (codeAt(line, i) !== 91) return -1; // [
  let k = i + 1;
  while (k < i + 8 && codeAt(line, k) >= 48 && codeAt(line, k) <= 57) k++;
  return codeAt(line, k) === 93 ? k + 1 : -1; // ]
}

/**
 * `password "value";`, `private_key "value"`: a key and a double-quoted value with no
 * operator, as a whole statement (nothing but `;` or `,` after the closing quote).
 */
export function bareQuotedStatement(line: string, q: number): boolean {
  if (codeAt(line, q) !== 34) return false;
  const close = line.indexOf('"', q + 1);
  if (close < 0) return false;
  let k = close + 1;
  if (codeAt(line, k) === 59 || codeAt(line, k) === 44) k++; // ; ,
  return skipBlanks(line, k) === line.length;
}

/**
 * `if ("value" == password)`, `"value" !== secret`: the quoted literal a secret key is
 * compared with, written before the key. Its bounds [start, end) inside the quotes, or null.
 */
export function reversedComparison(line: string, keyStart: number, floor: number): { start: number; end: number } | null {
  let k = keyStart;
  while (k > floor && isBlank(codeAt(line, k - 1))) k--;
  let eq = 0;
  while (eq < 3 && codeAt(line, k - 1 - eq) === 61) eq++; // =
  if (eq === 0) return null;
  k -= eq;
  if (codeAt(line, k - 1) === 33)
    k--; // !
  else if (eq === 1) return null; // `"x" = key` is no comparison
  while (k > floor && isBlank(codeAt(line, k - 1))) k--;
  const q = codeAt(line, k - 1);
  if (q !== 34 && q !== 39) return null;
  const open = line.lastIndexOf(String.fromCharCode(q), k - 2);
  if (open < floor || open + 1 >= k - 1) return null;
  return { start: open + 1, end: k - 1 };
}

/** Where a quoted value ends: its quote, preceded by exactly `slashes` backslashes when escaped. */
export function closingQuote(line: string, from: number, qc: number, slashes: number): number {
  const quote = String.fromCharCode(qc);
  for (let k = from; k < line.length; ) {
    const idx = line.indexOf(quote, k);
    if (idx < 0) break;
    const run = slashesBefore(line, idx);
    if (slashes > 0 ? run === slashes : qc !== 34 || run % 2 === 0) return idx - slashes;
    k = idx + 1;
  }
  return line.length;
}

/**
 * Where a `key=value` field ends inside a quoted string that opened before the key (`-d
 * "a=1&prompt=two words"`): at that string's closing quote or the next `&`; -1 when the key
 * stands outside quotes (an odd number of unescaped quotes before it says it is inside).
 */
export function quotedFieldEnd(line: string, keyStart: number, v: number): number {
  for (const q of ['"', "'"]) {
    let open = 0;
    for (let k = line.indexOf(q); k >= 0 && k < keyStart; k = line.indexOf(q, k + 1)) if (line[k - 1] !== '\\') open ^= 1;
    if (open === 0) continue;
    let e = v;
    while (e < line.length && line[e] !== q && line[e] !== '&') e++;
    return e < line.length ? e : -1;
  }
  return -1;
}

/**
 * `{"a": …}`, `[1, 2]`, `{}`, `{{ .Values.x }}`: a structure or a template after the key. A
 * password that merely starts with a bracket (`password={Xk3j#dls`, 1 in 50 of generated
 * passwords with symbols) is a value (fuzz suite).
 */
const STRUCTURE_OPEN_RE =
  /^(?:\{\s*(?:$|\}(?=\s*(?:$|[,;)\]}#]))|[{"']|[\w.-]+\s*[:=]\s)|\[\s*(?:$|\](?=\s*(?:$|[,;)\]}#]))|[["'{]|-?\d+(?:\.\d+)?\s*[,\]])|\$?\{\{)/;
export function opensStructure(line: string, v: number): boolean {
  const head = line.slice(v, v + 64);
  // `{{2D0lPLxF…}}`: a random run in a template's braces is a value, not a template
  if (head.startsWith('{{')) {
    const m = /^\{\{([^}]*)\}\}/.exec(head); // a template closes on the line (`{{2F-tlyl>6` is a password)
    return m !== null && !looksRandom(m[1] as string);
  }
  if (!STRUCTURE_OPEN_RE.test(head)) return false;
  // a structure closes on the line or goes on below it (`[[c!O%LDsQ` is a password: fuzz suite)
  return line.includes(line[v] === '{' ? '}' : ']', v + 1) || /^[[{\s]*$/.test(line.slice(v));
}

/** After `key=`, more `=` and then a value with no blank or quote between (`password===Zq8f`). */
export function gluedValueAfter(line: string, k: number): boolean {
  while (line[k] === '=') k++;
  return k < line.length && !/[\s"'`]/.test(line[k] as string);
}

/** `password={}AA1AACGoaF host=db`: a value that opens with a bracket runs past its closing one. */
export function pastOpeningBrackets(line: string, v: number, ve: number): number {
  if (!/^[[{][\]}]?$/.test(line.slice(v, ve))) return ve;
  while (ve < line.length && !/[\s"'&,;]/.test(line[ve] as string)) ve++;
  return ve;
}
