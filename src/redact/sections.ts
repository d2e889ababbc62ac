/**
 * Values that are secret because of the section they stand in, whatever their own key:
 * - INI: every value under a `[credentials]` / `[secrets]` / `[auth]` / `[key …]` header, with
 *   its indented sub-sections and continuation lines, until the next header at its level;
 * - YAML: every scalar in the block under `credentials:` / `secrets:` / `tokens:` / `auth:`
 *   (nested maps and list items too), until the indentation returns to the parent's level;
 *   and the name / e-mail fields under `customer:` / `organization:` / `company:`.
 * The state is one small record (no buffering), so the outcome does not depend on chunking.
 * References (`${VAR}`, `!vault`, `secretKeyRef:` blocks), booleans, short numbers and
 * public material (certificates) stay.
 */
import { LOG_PREFIX_RE } from './log-prefix.js';
import { isStandIn } from './values.js';
import { isCodeListKey } from './code-lists.js';
import { CsvColumns } from './csv-columns.js';

/** Where a line's value stands, and what it is. */
export interface SectionValue {
  start: number;
  end: number;
  cat: string;
}

interface Open {
  ini: boolean;
  /** Column of the header's name: lines indented deeper belong to the section. */
  indent: number;
  cat: 'secret' | 'customer-identity';
  /** The section opened behind a log prefix: its lines carry one too. */
  prefixed: boolean;
  /** Column of a reference block's key (`valueFrom:`) whose lines stay, or -1. */
  refIndent: number;
  /** Lines seen: a section that never ends is given up after MAX_LINES. */
  lines: number;
  /** A list of one-time codes (`recovery_codes:`): short numbers in it are codes, not counts. */
  codes?: boolean;
}

const MAX_LINES = 100_000;

/** Section names that hold secrets (INI: any word of the name; YAML: the whole name or its last word). */
const SECRET_WORDS = new Set([
  'credentials',
  'credential',
  'creds',
  'secrets',
  'passwords',
  'passwd',
  'tokens',
  'api_keys',
  'apikeys',
  'private_keys',
  'secret_keys',
  'access_keys',
  'auth',
]);
/** INI only: `[secret]`, `[password]`, `[vault]`, `[keys]` (in YAML these
 * often name a reference block: a volume's `secret:`, a list of key names). */
const INI_WORDS = new Set(['secret', 'password', 'token', 'vault', 'private', 'keys', 'api_key', 'apikey']);
const IDENTITY_WORDS = new Set(['customer', 'customers', 'organization', 'organisation', 'organizations', 'company', 'companies', 'tenant']);
const IDENTITY_FIELD_RE = /^(?:name|display_?name|full_?name|legal_?name|company_?name|email|e-mail|contact|contact_?email)$/i;

const INI_HEADER_RE = /^([ \t]*)\[([^\][\n]{1,64})\][ \t]*$/;
const YAML_HEADER_RE = /^([ \t]*)(-[ \t]+)?(["']?)([A-Za-z_][\w.-]{0,40})\3[ \t]*:[ \t]*(?:#.*)?$/;
const INI_MEMBER_RE = /^([ \t]*)([^=:\s#;][^=:]*?)[ \t]*[=:][ \t]*(.*?)[ \t]*$/;
const YAML_MEMBER_RE = /^([ \t]*)(-[ \t]+)?(?:(["']?)([^\s"':#-][^"':]*?)\3[ \t]*:(?:[ \t]+|$))?(.*?)[ \t]*$/;
/** A trailing comment after a value (` # pragma …`, ` ; note`). */
const COMMENT_TAIL_RE = /[ \t]+[#;].*$/;
/** Keys whose block refers to a secret kept elsewhere (its lines are names, not values). */
const REF_KEYS = new Set(['valueFrom', 'secretKeyRef', 'configMapKeyRef', 'fieldRef', 'secretRef', 'envFrom', 'vault_ref']);
/** Keys whose value is public or a pointer: a certificate, a file, a type. */
const KEEP_KEY_RE = /(?:^|[_.-])(?:cert|certificate|crt|ca|pub|public_?key|file|path|driver|external|type|kind|enabled|mount_?path|secret_?name)$/i;
const KEEP_VALUE_RE =
  /^(?:true|false|yes|no|on|off|null|none|~|\d{1,6}|\d+(?:\.\d+)?(?:ms|s|m|h|d|w|[kKmMgG][bB]?)|\$\{[^}]*\}|\$\{\{.*\}\}|\{\{.*\}\}|\$[A-Z_][A-Z0-9_]*|%\([\w.]+\)s|!vault\b.*|-----BEGIN .*|\[REDACTED[^\]]*\]|[|>][-+]?\d?)$/i;

/** The section's category by its name, or null when it is not one of ours. */
function sectionCat(name: string, ini: boolean): Open['cat'] | null {
  const lower = name
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
  if (IDENTITY_WORDS.has(lower)) return 'customer-identity';
  if (SECRET_WORDS.has(lower) || isCodeListKey(lower)) return 'secret';
  const words = lower.split(/[\s.:/"'_-]+/);
  if (!ini) return SECRET_WORDS.has(words[words.length - 1] as string) ? 'secret' : null;
  return words.some((w) => SECRET_WORDS.has(w) || INI_WORDS.has(w)) ? 'secret' : null;
}

function keepValue(v: string): boolean {
  return v === '' || KEEP_VALUE_RE.test(v) || isStandIn(v);
}

function indentOf(line: string, from: number): number {
  let i = from;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return i - from;
}

export class SectionState {
  private open: Open | null = null;
  private readonly csv = new CsvColumns();

  /** The span of `line` to redact, or null (nothing, or not in one of our sections). */
  line(line: string): SectionValue | null {
    const row = this.csv.line(line); // a CSV export's customer column (csv-columns.ts)
    if (row !== null) return row;
    const n = line.length;
    let last = n - 1;
    while (last >= 0 && line.charCodeAt(last) <= 32) last--;
    const lc = last < 0 ? 0 : line.charCodeAt(last);
    if (this.open === null && lc !== 93 && lc !== 58) return null; // a header ends in ']' or ':'
    const from = this.open === null || this.open.prefixed ? prefixEnd(line) : 0;
    const body = from === 0 ? line : line.slice(from);
    const t = body.trim();
    if (this.open !== null) {
      if (t === '' || t.startsWith('#') || t.startsWith(';')) return null;
      const ind = indentOf(body, 0);
      if (ind > this.open.indent && ++this.open.lines < MAX_LINES) {
        if (this.open.ini && lc === 93 && INI_HEADER_RE.test(body)) return null; // a sub-section
        const v = this.open.ini ? this.iniValue(body) : this.yamlValue(body, ind);
        return v === null ? null : { start: v.start + from, end: v.end + from, cat: v.cat };
      }
      if (this.open.ini && !(lc === 93 && INI_HEADER_RE.test(body)) && ind === 0 && this.open.indent === 0) {
        const v = this.iniValue(body); // INI members stand at the header's column
        return v === null ? null : { start: v.start + from, end: v.end + from, cat: v.cat };
      }
      this.open = null;
    }
    if (lc === 93) {
      const m = INI_HEADER_RE.exec(body);
      if (m !== null) {
        const cat = sectionCat(m[2] as string, true);
        if (cat === 'secret') this.open = { ini: true, indent: (m[1] as string).length, cat, prefixed: from > 0, refIndent: -1, lines: 0 };
      }
    } else if (lc === 58) {
      const m = YAML_HEADER_RE.exec(body);
      if (m !== null) {
        const cat = sectionCat(m[4] as string, false);
        const indent = (m[1] as string).length + (m[2]?.length ?? 0);
        if (cat !== null) this.open = { ini: false, indent, cat, prefixed: from > 0, refIndent: -1, lines: 0, codes: isCodeListKey(m[4] as string) };
      }
    }
    return null;
  }

  /** `key = value` (its value) or a continuation line (all of it) in an INI section. */
  private iniValue(body: string): SectionValue | null {
    const m = INI_MEMBER_RE.exec(body);
    if (m !== null) {
      const key = (m[2] as string).trim();
      const raw = m[3] as string;
      const value = raw.replace(COMMENT_TAIL_RE, '');
      if (KEEP_KEY_RE.test(key) || keepValue(unquote(value))) return null;
      const end = body.length - (body.length - body.trimEnd().length) - (raw.length - value.length);
      return { start: end - value.length, end, cat: 'secret' };
    }
    const text = body.trim().replace(COMMENT_TAIL_RE, '');
    if (keepValue(text)) return null;
    const start = indentOf(body, 0);
    return { start, end: start + text.length, cat: 'secret' };
  }

  /** A scalar in a YAML section's block: a member's value or a list item. */
  private yamlValue(body: string, ind: number): SectionValue | null {
    const open = this.open as Open;
    if (open.refIndent >= 0) {
      if (ind > open.refIndent) return null;
      open.refIndent = -1;
    }
    const m = YAML_MEMBER_RE.exec(body);
    if (m === null) return null;
    const key = m[4];
    const raw = m[5] as string;
    const value = raw.replace(COMMENT_TAIL_RE, '');
    if (key !== undefined && value === '') {
      if (REF_KEYS.has(key)) open.refIndent = ind + (m[2]?.length ?? 0);
      return null;
    }
    if (key !== undefined && KEEP_KEY_RE.test(key)) return null;
    if (open.cat === 'customer-identity' && (key === undefined || !IDENTITY_FIELD_RE.test(key))) return null;
    if (value.startsWith('{') || value.startsWith('[') || value.startsWith('&') || value.startsWith('*')) return null;
    const v = unquote(value);
    if (keepValue(v) && !(open.codes === true && /^\d{4,}$/.test(v))) return null;
    const end = body.length - (raw.length - value.length) - (body.length - body.trimEnd().length);
    return { start: end - value.length, end, cat: open.cat };
  }
}

function unquote(v: string): string {
  const q = v.charCodeAt(0);
  return (q === 34 || q === 39) && v.length >= 2 && v.charCodeAt(v.length - 1) === q ? v.slice(1, -1) : v;
}

/** Where a log prefix ends (0: none); the blanks after it are indentation and stay. */
function prefixEnd(line: string): number {
  const c = line.charCodeAt(0);
  // (a lowercase or `[` start: docker compose `svc-1  | `, `kubectl logs --prefix` `[pod/…] `)
  if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 60 || c === 91)) return 0;
  const p = LOG_PREFIX_RE.exec(line);
  // the prefix's own separator is one blank: any further blanks are the text's indentation
  return p === null ? 0 : p[0].trimEnd().length + 1;
}
