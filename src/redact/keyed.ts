/**
 * The keyed pass: values under sensitive keys, in every common assignment syntax: JSON
 * (also `\"`-escaped, any depth), Python reprs, YAML, TOML, INI, `.env`, `k=v` logs,
 * headers, `--flag value`, XML elements and `key="…" value="…"` attributes, Go/Make/PHP
 * operators (`:=`, `::=`, `?=`, `.=`, `+=`, `=>`), typed declarations
 * (`var k string = "…"`), call pairs (`System.setProperty("K", "v")`), `key<TAB>value`
 * and the full-width colon (`secret：value`).
 *
 * An unquoted value's end is a guess (`password=abc\u00a0secret: xyz`: the NBSP does not
 * end the value, so `secret:` is inside it). So the scan goes on *inside* every unquoted
 * value it redacted: a key found there whose value runs past the redacted region gets
 * redacted too (an extra marker), never skipped. Quoted values, XML elements and
 * containers are bounded by their closing quote, tag or bracket.
 */
import {
  BACKSLASH,
  BANG,
  COLON,
  COMMA,
  DASH,
  DOT,
  DQUOTE,
  EQUALS,
  FULLWIDTH_COLON,
  BACKTICK,
  GT,
  LBRACE,
  LBRACKET,
  LPAREN,
  LT,
  PIPE,
  PLUS,
  QUESTION,
  RBRACKET,
  SQUOTE,
  TAB,
  endsInlineValue,
  isBlank,
  isKeyChar,
  isQuote,
  skipBlanks,
  skipBlanksBack,
} from './chars.js';
import {
  AUTH_LOG_RE,
  AUTH_SCHEME_RE,
  CONTAINER_CATS,
  GLUED_TOKEN_RE,
  HEADER_CATS,
  PRIVATE_HINT_WORDS,
  TO_LINE_END_CATS,
  TUNNEL_HINT_WORDS,
  TYPE_ANNOTATION_RE,
  UNIX_LOGIN_RE,
  UNIX_USER_KEY_RE,
  YAML_BLOCK_RE,
  arraySuffixEnd,
  bareQuotedStatement,
  blockIndent,
  lineStartKey,
  gluedValueAfter,
  onlyBlanksBefore,
  opensStructure,
  pastOpeningBrackets,
  quotedFieldEnd,
  reversedComparison,
  closingQuote,
  slashesBefore,
  type KeyHit,
  type KeyedHost,
  type Separator,
} from './keyed-forms.js';
export type { KeyedHost } from './keyed-forms.js';
import { KEYWORD_RE, classifyKey, type Category } from './patterns.js';

/** A level and a module path before the key: `INFO b3iq_node::tunnel:` is a tracing target, `fn::secret:` a key. */
const TRACING_TARGET_RE = /\b(?:TRACE|DEBUG|INFO|WARN|ERROR)[ \t]+[a-z_][a-z0-9_]*(?:::[a-z_][a-z0-9_]*)*::$/;
import type { LineHints } from './rules.js';
import { StopMemo, newContainerState, scanBalanced } from './scan-state.js';
import { isCodeListKey } from './code-lists.js';

export { scanBalanced, type ContainerState } from './scan-state.js';
import { SHELL_DEFAULT_RE, isSecretValue, isStandIn, refineCategory } from './values.js';

/** A container under this key is secret whole (its category's, or a list of recovery codes). */
const holdsContainer = (hit: KeyHit): boolean => CONTAINER_CATS.has(hit.cat) || isCodeListKey(hit.key);

/** The line with its keyed values redacted; `hints.privateHint` says whether a key-material word was seen. */
export function redactKeyed(line: string, host: KeyedHost, hints: LineHints): string {
  KEYWORD_RE.lastIndex = 0;
  const first = KEYWORD_RE.exec(line);
  if (first === null) return line; // most lines: one scan, no allocation
  return new KeyedScan(line, host, hints).run(first);
}

class KeyedScan {
  private out = '';
  /** line[0, pos) is settled in `out`. */
  private pos = 0;
  /** Keys before `pos` but at or after `nest` lie inside a redacted unquoted value. */
  private nest = 0;
  private readonly n: number;
  private readonly inlineStop = new StopMemo();
  private readonly commentStop = new StopMemo();
  private readonly quoteStop = new StopMemo();
  private readonly braceStop = new StopMemo();
  /** Whether the line is an sshd/PAM/sudo line (computed when first needed). */
  private authLog: boolean | undefined;

  constructor(
    private readonly line: string,
    private readonly host: KeyedHost,
    private readonly hints: LineHints,
  ) {
    this.n = line.length;
  }

  run(first: RegExpExecArray): string {
    const re = KEYWORD_RE;
    let m: RegExpExecArray | null = first;
    for (; m !== null; m = re.exec(this.line)) {
      if (!this.hints.privateHint && PRIVATE_HINT_WORDS.test(m[0])) this.hints.privateHint = true;
      if (!this.hints.tunnelHint && TUNNEL_HINT_WORDS.test(m[0])) this.hints.tunnelHint = true;
      const hit = this.keyAround(m.index, m.index + m[0].length);
      if (hit === null) continue;
      if (this.at(hit.start - 1) === LT && this.at(hit.keyEnd) === GT) this.xmlElement(hit);
      else if (this.assignment(hit) === 'stop') break;
    }
    return this.pos === 0 ? this.line : this.out + this.line.slice(this.pos);
  }

  private at(i: number): number {
    return i >= 0 && i < this.n ? this.line.charCodeAt(i) : -1;
  }

  /** Expands a keyword hit to the whole key and classifies it; null when it is not a sensitive key. */
  private keyAround(hitStart: number, hitEnd: number): KeyHit | null {
    const line = this.line;
    let s = hitStart;
    let e = hitEnd;
    while (s > 0 && isKeyChar(line.charCodeAt(s - 1))) s--;
    while (e < this.n && isKeyChar(line.charCodeAt(e))) e++;
    KEYWORD_RE.lastIndex = e;
    if (s < this.pos && s < this.nest) return null; // already settled, not inside a redacted value
    let ks = s;
    while (ks < e && line.charCodeAt(ks) === DASH) ks++;
    const isFlag = ks > s && (s === 0 || isBlank(line.charCodeAt(s - 1)));
    let ke = e;
    while (ke > ks && (line.charCodeAt(ke - 1) === DOT || line.charCodeAt(ke - 1) === DASH)) ke--;
    if (ke === ks) return null;
    if (this.at(s - 1) === COLON && this.at(s - 2) === COLON && this.at(ke) === COLON && TRACING_TARGET_RE.test(line.slice(Math.max(0, s - 64), s)))
      return null; // a Rust tracing target (`INFO b3iq_node::tunnel: …`)
    const key = line.slice(ks, ke);
    const cat = classifyKey(key);
    if (cat === null) return null;
    return { start: s, keyEnd: ke, key, cat, isFlag, inside: s < this.pos };
  }

  /** `<password>value</password>`, or `<password>` alone with its text on the next lines. */
  private xmlElement(hit: KeyHit): void {
    const open = hit.keyEnd + 1;
    const close = this.line.indexOf('</', open);
    const ve = close < 0 ? this.n : close;
    if (hit.inside && ve <= this.pos) return;
    const value = this.line.slice(open, ve);
    if (close < 0 && value.trim() === '') {
      this.host.openElement(hit.key);
      return;
    }
    if (!isSecretValue(hit.cat, hit.key, value.trim())) return;
    this.emit(open, this.host.mark(refineCategory(hit.cat, value.trim())));
    this.settleBounded(ve);
  }

  /** The quote around the key (`"key"`, `\"key\"`, `\\\"key\\\"`), and the index after it. */
  private afterKey(hit: KeyHit): { quoted: boolean; i: number } {
    const q = this.at(hit.start - 1);
    if (q !== DQUOTE && q !== SQUOTE) return { quoted: false, i: hit.keyEnd };
    const slashes = slashesBefore(this.line, hit.start - 1);
    let i = hit.keyEnd;
    for (let k = 0; k < slashes; k++, i++) if (this.at(i) !== BACKSLASH) return { quoted: false, i: hit.keyEnd };
    if (this.at(i) !== q) return { quoted: false, i: hit.keyEnd };
    return { quoted: true, i: i + 1 };
  }

  /** The separator after the key at `i`, and where the value may start; null when there is none. */
  private separator(hit: KeyHit, quoted: boolean, i: number): { sep: Separator; v: number } | null {
    const line = this.line;
    const arr = arraySuffixEnd(line, i); // char secret[25] = "…"
    if (arr >= 0) {
      const j = skipBlanks(line, arr);
      return this.at(j) === EQUALS && this.at(j + 1) !== EQUALS ? { sep: 'array', v: j + 1 } : null;
    }
    TYPE_ANNOTATION_RE.lastIndex = i;
    if (TYPE_ANNOTATION_RE.test(line)) return { sep: 'assign', v: TYPE_ANNOTATION_RE.lastIndex };
    const j = skipBlanks(line, i);
    const c0 = this.at(j);
    const c1 = this.at(j + 1);
    if (c0 === COLON) {
      let colons = 1;
      while (colons < 3 && this.at(j + colons) === COLON) colons++;
      if (this.at(j + colons) === EQUALS) return { sep: 'assign', v: j + colons + 1 }; // :=  ::=  :::=
      if (c1 === COLON || (c1 === 47 && this.at(j + 2) === 47)) return null; // ::  ://
      const spaced = c1 === -1 || isBlank(c1) || c1 === DQUOTE || c1 === SQUOTE;
      if (!quoted && !HEADER_CATS.has(hit.cat) && !spaced && !this.tokenAfterColon(hit, j + 1)) return null; // host:port, a:b:c
      return { sep: 'colon', v: j + 1 };
    }
    if (c0 === FULLWIDTH_COLON) return { sep: 'colon', v: j + 1 };
    if (c0 === BANG && c1 === EQUALS) return this.comparison(j); // key != "value", key !== "value"
    if (c0 === EQUALS) {
      // `password==Zq8f…`: a value that starts with `=` (glued on both sides), not a comparison
      if (c1 === EQUALS && j === i && gluedValueAfter(this.line, j + 1)) return { sep: 'assign', v: j + 1 };
      if (c1 === EQUALS) return this.comparison(j); // key == "value", key === "value"
      return { sep: 'assign', v: c1 === GT ? j + 2 : j + 1 }; // =  =>
    }
    if ((c0 === QUESTION || c0 === DOT || c0 === PLUS) && c1 === EQUALS) return { sep: 'assign', v: j + 2 }; // ?=  .=  +=
    if ((c0 === QUESTION || c0 === PIPE) && c1 === c0 && this.at(j + 2) === EQUALS) return { sep: 'assign', v: j + 3 }; // ??=  ||=
    if (quoted && c0 === COMMA && this.opensCall(hit.start - 1)) return { sep: 'pair', v: j + 1 }; // setProperty("KEY", "value")
    if (quoted && line.startsWith('value', j)) {
      const eq = skipBlanks(line, j + 5); // <add key="Password" value="…"/>
      if (this.at(eq) === EQUALS) return { sep: 'pair', v: eq + 1 };
    }
    if (j > i && j < this.n) {
      if (hit.isFlag) return { sep: 'space', v: j };
      if (!quoted && line.charCodeAt(i) === TAB && onlyBlanksBefore(this.line, hit.start)) return { sep: 'space', v: j }; // key<TAB>value
      if (!quoted && bareQuotedStatement(line, j) && lineStartKey(line, hit.start)) return { sep: 'pair', v: j }; // password "…";
    }
    return null;
  }

  /** `if (api_key === "…")`: a quoted literal compared with a secret key is the secret; anything else is code. */
  private comparison(j: number): { sep: Separator; v: number } | null {
    let k = j + 1;
    while (this.at(k) === EQUALS && k < j + 3) k++;
    const v = skipBlanks(this.line, k);
    return isQuote(this.at(v)) ? { sep: 'pair', v } : null;
  }

  /** `apikey:abcd1234…`: a secret key glued to a long mixed value (not `host:8080`, not `a:b:c`). */
  private tokenAfterColon(hit: KeyHit, v: number): boolean {
    if (hit.cat !== 'secret' && hit.cat !== 'password') return false;
    return GLUED_TOKEN_RE.test(this.line.slice(v, v + 200));
  }

  /** The key's opening quote at `q` is a call's first argument: `(` before it. */
  private opensCall(q: number): boolean {
    let i = q - slashesBefore(this.line, q);
    while (i > 0 && isBlank(this.line.charCodeAt(i - 1))) i--;
    return this.at(i - 1) === LPAREN;
  }

  /** `key <separator> value` in any of its forms; 'stop' when the rest of the line belongs to a multi-line value. */
  private assignment(hit: KeyHit): 'stop' | void {
    const { quoted, i } = this.afterKey(hit);
    const found = this.separator(hit, quoted, i);
    if (found === null) return this.literalBefore(hit);
    const { sep } = found;
    let v = skipBlanks(this.line, found.v);
    const c = this.at(v);
    // Python string prefixes: b'…', r"…", u'…', f"…"
    if ((c === 98 || c === 114 || c === 117 || c === 102) && isQuote(this.at(v + 1))) v++;
    const slashes = this.valueQuoteSlashes(v);
    // a C array holds a string only in double quotes (`'x'` is a char)
    if (sep === 'array' && (slashes !== 0 || this.at(v) !== DQUOTE)) return;
    if (slashes >= 0) return this.quotedValue(hit, v, slashes);
    if (sep === 'pair') return;
    if ((c === LBRACE || c === LBRACKET) && (holdsContainer(hit) || opensStructure(this.line, v))) return this.containerValue(hit, quoted, v);
    if ((c === PIPE || c === GT || c === BANG) && YAML_BLOCK_RE.test(this.line.slice(v))) {
      this.host.openBlock(blockIndent(this.line));
      this.emit(v, this.host.mark(hit.cat));
      this.pos = this.n;
      return 'stop';
    }
    this.unquotedValue(hit, sep, quoted, v);
  }

  /** `if ("…" == password)`: the literal before the key. */
  private literalBefore(hit: KeyHit): void {
    if (hit.inside) return;
    const r = reversedComparison(this.line, hit.start, this.pos);
    if (r === null) return;
    const value = this.line.slice(r.start, r.end);
    if (!isSecretValue(hit.cat, hit.key, value)) return;
    this.emit(r.start, this.markValue(hit.cat, value));
    this.settleBounded(r.end);
  }

  /** -1 when no quoted value starts at `v`, else the backslashes before its quote (`\"v\"`). */
  private valueQuoteSlashes(v: number): number {
    let k = v;
    while (this.at(k) === BACKSLASH) k++;
    const q = this.at(k);
    if (k === v) return isQuote(q) ? 0 : -1;
    return q === DQUOTE ? k - v : -1;
  }

  private quotedValue(hit: KeyHit, v: number, slashes: number): void {
    const qc = this.at(v + slashes);
    const vs = v + slashes + 1;
    const ve = closingQuote(this.line, vs, qc, slashes);
    if (ve <= vs || (hit.inside && ve <= this.pos)) return;
    const value = this.line.slice(vs, ve);
    if (this.namesAnotherKey(hit, value, ve + slashes + 1)) return;
    // shell `KEY=\`etcdctl get /secret\``: a command whose output is the value (Go's raw
    // strings have a blank before the backtick and are values)
    const command = qc === BACKTICK && this.at(v + slashes - 1) === EQUALS && /\s/.test(value);
    if (command || !isSecretValue(hit.cat, hit.key, value)) return;
    this.emit(vs, this.markValue(hit.cat, value));
    this.settleBounded(ve);
  }

  /**
   * `<add key="DbPassword" value="…"/>`, `<entry name="apiToken" value="…"/>`: the `key`
   * attribute holds the real key's name; the scan goes on to it and its `value=`.
   */
  private namesAnotherKey(hit: KeyHit, value: string, after: number): boolean {
    if (!/^(?:key|name)$/i.test(hit.key) || classifyKey(value) === null) return false;
    return /^[ \t]+value[ \t]*=/.test(this.line.slice(after, after + 16));
  }

  private containerValue(hit: KeyHit, quoted: boolean, v: number): 'stop' | void {
    if (!holdsContainer(hit)) return;
    const st = newContainerState();
    const e = scanBalanced(this.line, v, st);
    if (hit.inside && e >= 0 && e <= this.pos) return;
    this.host.count(hit.cat);
    const marker = `[REDACTED:${hit.cat}]`;
    const rep = quoted ? `"${marker}"` : marker;
    if (e < 0) {
      this.host.openContainer(st);
      this.emit(v, rep);
      this.pos = this.n;
      return 'stop';
    }
    this.emit(v, rep);
    this.settleBounded(e);
  }

  private unquotedValue(hit: KeyHit, sep: Separator, quoted: boolean, v: number): void {
    let ve = this.unquotedEnd(hit, sep, quoted, v);
    // `neo4j:[PASSWORD]`, `ops_…[Redacted]`: a bracket opened inside the value closes it
    if (this.at(ve) === RBRACKET && this.line.lastIndexOf('[', ve) >= v && this.line.indexOf(']', this.line.lastIndexOf('[', ve)) === ve) ve++;
    ve = pastOpeningBrackets(this.line, v, ve);
    if (ve <= v || (hit.inside && ve <= this.pos)) return; // empty, or all of it already redacted
    const value = this.line.slice(v, ve);
    if (!isSecretValue(hit.cat, hit.key, value) || this.isUnixLogin(hit, value)) return;
    let scheme = '';
    let body = value;
    if (hit.cat === 'authorization') {
      const sm = AUTH_SCHEME_RE.exec(value);
      if (sm) {
        scheme = sm[0];
        body = value.slice(scheme.length);
        if (isStandIn(body)) return; // Bearer $API_KEY, Basic ..., Token ****
      }
    }
    // `${DB_PASS:-s3cret}`: only the default is the value; the reference around it stays
    const d = SHELL_DEFAULT_RE.exec(body);
    this.emit(
      v,
      d ? body.slice(0, body.length - 1 - (d[1] as string).length) + this.markValue(hit.cat, d[1] as string) + '}' : scheme + this.markValue(hit.cat, body),
    );
    // its end was a guess, so keys inside it are still looked at
    if (!hit.inside) this.nest = v;
    this.pos = ve;
    KEYWORD_RE.lastIndex = Math.max(KEYWORD_RE.lastIndex, v);
  }

  private unquotedEnd(hit: KeyHit, sep: Separator, quoted: boolean, v: number): number {
    const line = this.line;
    if (HEADER_CATS.has(hit.cat)) {
      // a header value runs to the next quote (it has spaces: `Bearer x`)
      return this.quoteStop.get(v, (k) => {
        while (k < this.n && !isQuote(line.charCodeAt(k)) && !(line.charCodeAt(k) === BACKSLASH && line.charCodeAt(k + 1) === DQUOTE)) k++;
        return k;
      });
    }
    const inline =
      sep === 'space' ||
      (sep === 'assign' && !lineStartKey(this.line, hit.start)) ||
      (sep === 'colon' && (quoted || (!TO_LINE_END_CATS.has(hit.cat) && !lineStartKey(this.line, hit.start))));
    if (!inline) {
      // YAML, .env, TOML, headers, "key: value" logs: to the end of the line, minus a comment
      const hash = this.commentStop.get(v, (k) => {
        const h = line.indexOf(' #', k);
        return h < 0 ? this.n : h;
      });
      return skipBlanksBack(line, hash, v);
    }
    if (hit.cat === 'prompt-output' && sep === 'assign' && !quoted) {
      // `curl -d "content=Hello World"`: a prompt in a quoted form body runs to its quote or `&`
      const close = quotedFieldEnd(line, hit.start, v);
      if (close >= 0) return close;
    }
    let k = v;
    if (line.startsWith('${', v)) {
      const brace = this.braceStop.get(v, (from) => {
        const b = line.indexOf('}', from);
        return b < 0 ? this.n : b;
      });
      if (brace < this.n) k = brace + 1; // ${VAR}: a reference, kept as a whole
    }
    return this.inlineStop.get(k, (from) => {
      while (from < this.n && !endsInlineValue(line.charCodeAt(from))) from++;
      return from;
    });
  }

  /** `user=root` in an sshd/PAM/sudo line is a Unix login, not a customer. */
  private isUnixLogin(hit: KeyHit, value: string): boolean {
    if (hit.cat !== 'customer-identity' || !UNIX_USER_KEY_RE.test(hit.key) || !UNIX_LOGIN_RE.test(value)) return false;
    if (this.authLog === undefined) this.authLog = AUTH_LOG_RE.test(this.line);
    return this.authLog;
  }

  private markValue(cat: Category, value: string): string {
    return this.host.mark(refineCategory(cat, value));
  }

  /** Outputs line[pos, from) (unless already out), then `replacement` for line[from, to). */
  private emit(from: number, replacement: string): void {
    this.out += this.line.slice(this.pos, Math.max(this.pos, from)) + replacement;
  }

  /** After a value with a known end (a quote, a tag, a bracket): resume after it. */
  private settleBounded(end: number): void {
    this.pos = end;
    this.nest = end;
    KEYWORD_RE.lastIndex = Math.max(KEYWORD_RE.lastIndex, end);
  }
}
