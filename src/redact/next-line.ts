/**
 * Lines that announce a secret on the line after them, read through whatever a collector
 * wraps each line in (a log prefix, or a JSON record per line: `{"ts":…,"msg":"…"}`), where
 * the engine's own multi-line states (which read the raw line) lose the thread:
 * - a YAML key with an empty value or a block indicator (`password: |`, `secret: >-`,
 *   `db_password:`): the more-indented lines after it;
 * - a TOML multi-line string under a secret key (`password = """`): the lines up to its close;
 * - a CLI command that prints a token (`gcloud auth print-access-token`, `gh auth token`,
 *   `aws ecr get-login-password`): the lone token on the next line;
 * - a pretty-printed Terraform output (`"db_password": {` … `"sensitive": true` …
 *   `"value": "…"`), a `- name:`/`- field:` + `value:` pair, a `.netrc` `machine` entry;
 * - a b3iq token cut short at the end of a line (its length is fixed): the next line's head.
 * The state is one small object per engine; each line costs a few `includes` unless a
 * secret was announced.
 */
import { classifyKey } from './key-names.js';
import { namedValueCategory } from './config-forms.js';
import { SECRET_CATS } from './dumps.js';
import { isBlank } from './chars.js';
import { LOG_PREFIX_RE } from './log-prefix.js';
import { isSecretValue } from './values.js';

/** What is expected on the lines to come. */
type Expect =
  | { kind: 'block'; indent: number; cat: string; seen: boolean; lines: number; scalar: boolean }
  | { kind: 'triple'; close: string; cat: string }
  | { kind: 'token' }
  | { kind: 'value'; cat: string | null; sensitive: boolean; left: number }
  | { kind: 'netrc'; left: number }
  | { kind: 'tail'; missing: number };

const MAX_BLOCK_LINES = 1000;
/** The message of a JSON log record (`"msg"`, `"message"`, `"log"`), and where its text starts. */
const RECORD_RE = /^\{.*?"(?:msg|message|log|MESSAGE)"[ \t]*:[ \t]*"/;
/**
 * What a line that may announce holds, in one pass: a b3iq token, triple quotes, `machine`, a
 * pair's name (`name:`, `Name:`, `field:`, `key:`, `header:`, `"name"`), a token command's words.
 */
export const ANNOUNCE_LITS_RE = /b3iq_|"""|'''|\\"\\"\\"|machine|ame:|AME:|ield:|ey:|EY:|eader:|\\?"name\\?"|token|password/;
/** The same without the token command's words: a line with `token` and one of these still may announce. */
const NOT_TOKEN_LITS_RE = /b3iq_|"""|'''|\\"\\"\\"|machine|ame:|AME:|ield:|ey:|EY:|eader:|\\?"name\\?"/;
/** Commands that print a bare token on the next line. */
const TOKEN_COMMAND_RE =
  /\b(?:print-access-token|print-identity-token|get-access-token|get-login-password|auth token|auth print-token|print token|token create -field=token|create-token|token lookup -field=id)\b/;
const LONE_TOKEN_RE = /^[A-Za-z0-9._~+/=-]{20,4096}$/;
const YAML_KEY_RE = /^(-[ \t]+)?["']?([A-Za-z_][\w.-]{0,80})["']?[ \t]*:[ \t]*(?:[|>][+-]?\d?[+-]?)?[ \t]*$/;
const TRIPLE_RE = /^["']?([A-Za-z_][\w.-]{0,80})["']?[ \t]*=[ \t]*("""|''')[ \t]*$/;
const OBJECT_KEY_RE = /^"([\w.-]{1,80})"[ \t]*:[ \t]*\{[ \t]*$/;
const NAME_RE = /^-?[ \t]*["']?(?:name|field|key|header)["']?[ \t]*:[ \t]*["']?([^"'\s,]{1,80})["']?,?$/i;
const VALUE_RE = /^["']?value["']?[ \t]*:[ \t]*["']?([^"'\s]{1,1024})["']?,?$/;
const NETRC_PASSWORD_RE = /^(?:machine[ \t]+\S+[ \t]+)?(?:login[ \t]+\S+[ \t]+)?password[ \t]+(\S{1,1024})$/;
/** A b3iq token's full length after its `b3iq_<kind>_` (base62 body and checksum). */
const B3IQ_BODY = 49;
const CUT_B3IQ_RE = /b3iq_(?:local|support|gateway|setup|session)_([0-9A-Za-z]*)["'\\]*[ \t]*(?:\+|-|\\)?[ \t]*["']?$/;
const TAIL_HEAD_RE = /^["']?([0-9A-Za-z]{1,49})/;

export interface NextLineHost {
  mark(cat: string): string;
}

/** A line's text as its program printed it: after a log prefix, inside a JSON record's message. */
function viewOf(raw: string): string {
  let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (line.charCodeAt(0) === 123 && line.includes('"')) {
    const m = RECORD_RE.exec(line);
    if (m !== null) {
      const end = line.lastIndexOf('"');
      if (end >= m[0].length) {
        try {
          line = JSON.parse(line.slice(m[0].length - 1, end + 1)) as string;
        } catch {
          /* not a plain string: read the line as it is */
        }
      }
    }
  }
  // the prefix ends in one blank: the blanks after it are the program's own indentation
  const p = LOG_PREFIX_RE.exec(line);
  if (p === null) return line;
  let cut = p[0].length;
  while (cut > 1 && isBlank(line.charCodeAt(cut - 1)) && isBlank(line.charCodeAt(cut - 2))) cut--;
  return line.slice(cut);
}

const indentOf = (s: string): number => s.length - s.trimStart().length;

/** `raw` with the first `value` (or its JSON-escaped spelling) replaced by a marker; null if not found. */
function markIn(raw: string, value: string, marker: string): string | null {
  for (const v of [value, JSON.stringify(value).slice(1, -1)]) {
    const at = raw.lastIndexOf(v);
    if (at >= 0) return raw.slice(0, at) + marker + raw.slice(at + v.length);
  }
  return null;
}

const secretCat = (key: string): string | null => {
  const c = classifyKey(key);
  return c !== null && SECRET_CATS.has(c) ? c : null;
};

export class NextLineState {
  private expect: Expect | null = null;

  /**
   * The line with the announced secret marked, or null: the engine redacts it as usual.
   * `noLits`: the caller knows the line holds no literal of ANNOUNCE_LITS_RE.
   */
  line(raw: string, host: NextLineHost, noLits = false): string | null {
    const e = this.expect;
    if (e === null && !this.mayAnnounce(raw, noLits)) return null;
    const text = viewOf(raw);
    const out = e === null ? null : this.fulfil(e, raw, text, host);
    // a pending expectation (a block, an object's lines) goes on; a settled one lets the line announce
    if (this.expect === null) this.announce(text);
    return out;
  }

  /** Cheap: could this line announce anything? (most lines: a few `includes` and one char test) */
  private mayAnnounce(raw: string, noLits: boolean): boolean {
    let end = raw.length;
    // the last character the program printed: before `\r`, blanks, and a JSON record's `"}`
    while (end > 0 && ' \t\r"}'.includes(raw[end - 1] as string)) end--;
    const last = raw[end - 1];
    if (last === ':') return true;
    if ((last === '|' || last === '>' || last === '-' || last === '+') && (raw.includes(': ') || raw.includes(':|') || raw.includes(':>'))) return true;
    if (last === '{' && raw.includes('":')) return true;
    return !noLits && ANNOUNCE_LITS_RE.test(raw) && (!raw.includes('token') || TOKEN_COMMAND_RE.test(raw) || NOT_TOKEN_LITS_RE.test(raw));
  }

  private fulfil(e: Expect, raw: string, text: string, host: NextLineHost): string | null {
    const body = text.trim();
    switch (e.kind) {
      case 'block': {
        if (body === '' && e.seen) return null;
        if (indentOf(text) <= e.indent || body === '' || body.startsWith('[REDACTED')) break;
        // after a bare `key:` the lines may be a mapping or a list, not the key's text
        if (!e.scalar && !e.seen && (/^(?:-[ \t]|#)|^["']?[\w.:/-]+?["']?[ \t]*:(?:[ \t]|$)/.test(body) || !isSecretValue(e.cat as never, 'secret', body)))
          break;
        e.seen = true;
        const out = markIn(raw, body, host.mark(e.cat));
        if (out !== null && ++e.lines < MAX_BLOCK_LINES) return out;
        break;
      }
      case 'triple': {
        const at = body.indexOf(e.close);
        const secret = at < 0 ? body : body.slice(0, at).trim();
        if (at >= 0) this.expect = null;
        if (secret === '' || secret.startsWith('[REDACTED')) return null;
        return markIn(raw, secret, host.mark(e.cat));
      }
      case 'token':
        this.expect = null;
        return LONE_TOKEN_RE.test(body) && /\d/.test(body) ? markIn(raw, body, host.mark('secret')) : null;
      case 'value': {
        if (/^"?sensitive"?[ \t]*:[ \t]*true/.test(body)) e.sensitive = true;
        const m = VALUE_RE.exec(body);
        const cat = e.cat ?? (e.sensitive ? 'secret' : null);
        if (m !== null && cat !== null && !(m[1] as string).startsWith('[REDACTED') && isSecretValue(cat as never, 'secret', m[1] as string)) {
          this.expect = null;
          return markIn(raw, m[1] as string, host.mark(cat));
        }
        if (m !== null || body.includes('}') || --e.left <= 0) this.expect = null;
        return null;
      }
      case 'netrc': {
        const m = NETRC_PASSWORD_RE.exec(body);
        if (m !== null && !(m[1] as string).startsWith('[REDACTED')) {
          this.expect = null;
          return markIn(raw, m[1] as string, host.mark('password'));
        }
        if (--e.left <= 0) this.expect = null;
        return null;
      }
      case 'tail': {
        this.expect = null;
        // the head must be exactly the characters the cut token lacks
        const m = TAIL_HEAD_RE.exec(body);
        if (m === null || (m[1] as string).length < e.missing) return null;
        return markIn(raw, (m[1] as string).slice(0, e.missing), host.mark('secret'));
      }
    }
    this.expect = null;
    return null;
  }

  private announce(text: string): void {
    const body = text.trim();
    const c = body.includes('b3iq_') ? CUT_B3IQ_RE.exec(body) : null;
    if (c !== null && (c[1] as string).length < B3IQ_BODY) {
      this.expect = { kind: 'tail', missing: B3IQ_BODY - (c[1] as string).length };
      return;
    }
    const y = YAML_KEY_RE.exec(body);
    if (y !== null) {
      const cat = secretCat(y[2] as string);
      const scalar = /[|>][+-]?\d?[+-]?[ \t]*$/.test(body);
      if (cat !== null) this.expect = { kind: 'block', indent: indentOf(text) + (y[1]?.length ?? 0), cat, seen: false, lines: 0, scalar };
      if (this.expect !== null) return;
    }
    const t = TRIPLE_RE.exec(body);
    if (t !== null) {
      const cat = secretCat(t[1] as string);
      if (cat !== null) this.expect = { kind: 'triple', close: t[2] as string, cat };
      return;
    }
    if (TOKEN_COMMAND_RE.test(body)) {
      this.expect = { kind: 'token' };
      return;
    }
    const o = OBJECT_KEY_RE.exec(body);
    if (o !== null) {
      this.expect = { kind: 'value', cat: secretCat(o[1] as string), sensitive: false, left: 6 };
      return;
    }
    const n = NAME_RE.exec(body);
    if (n !== null) {
      const cat = namedValueCategory(n[1] as string);
      if (cat !== null && SECRET_CATS.has(cat)) this.expect = { kind: 'value', cat, sensitive: false, left: 1 };
      return;
    }
    if (/^machine[ \t]+\S+$/.test(body) || /^machine[ \t]+\S+[ \t]+login[ \t]+\S+$/.test(body)) {
      this.expect = { kind: 'netrc', left: 3 };
      return;
    }
  }
}
