/**
 * Values that are secret by where they stand, not by their key's name:
 * - a Kubernetes `Secret`'s `data:` / `stringData:` values (`config.yml: <base64>`,
 *   `tls.crt`, `DB_HOST`), in YAML (block form, block scalars) and JSON (one line or pretty);
 * - a JWK's private members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`) in any object carrying `kty`.
 *
 * The document's `kind` is tracked across lines and reset at `---`. `kubectl get -o yaml|json`
 * sorts keys, so `data` comes before `kind`: while the kind is still unknown, a `data` value
 * shaped like base64 is redacted (a Secret's `data` values are always base64); `stringData`
 * exists only on Secrets. Once the kind is known to be something else (a ConfigMap), `data`
 * stays. A `data:` that holds a list (ExternalSecret's remote references) is not a map of values:
 * its reference fields are names and stay.
 */
import { YAML_BLOCK_RE } from './keyed-forms.js';
import { isStandIn } from './values.js';
import { encodesPlaceholder, isMetasyntactic } from './stand-ins.js';

export interface StructuredHost {
  mark(cat: string): string;
  openBlock(indent: number): void;
}

export interface Rewrite {
  text: string;
  final: boolean;
}

type Kind = 'secret' | 'other' | null;

interface Section {
  indent: number;
  json: boolean;
  stringData: boolean;
  /** The section holds a list: an ExternalSecret's remote references, not values. */
  list?: boolean;
}

/** An ExternalSecret's reference fields: which secret of the store, not its value. */
const REF_FIELD_RE = /^[ \t]*(?:-[ \t]+)?(key|name|property|secretKey|version)[ \t]*:[ \t]*(["']?)([\w./:@-]{1,128})\2[ \t]*$/;
/** A run of 8+ letters and digits mixed: what a reference name does not hold (a value might). */
const MIXED_RUN_RE = /(?=[A-Za-z0-9]{8})(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{8,}/;

/** `kind: Secret` at the top of a document (a list item's `- kind:` too). */
const KIND_RE = /^[ \t]{0,4}(?:-[ \t]+)?(["']?)kind\1[ \t]*:[ \t]*(["']?)([A-Za-z]+)\2[ \t]*,?[ \t]*$/;
/** `data:` / `"stringData": {` opening a section on its own line. */
const SECTION_RE = /^([ \t]{0,2})(?:-[ \t]+)?(["']?)(data|stringData)\2[ \t]*:[ \t]*(\{)?[ \t]*$/;
const YAML_MEMBER_RE = /^([ \t]*)((["']?)[^\s"':{}[\]#-][^\s"':]*\3)[ \t]*:[ \t]+(.*?)[ \t]*$/;
const JSON_MEMBER_RE = /^([ \t]*)("(?:[^"\\]|\\.)*")[ \t]*:[ \t]*"((?:[^"\\]|\\.)*)"([ \t]*,?[ \t]*)$/;
/** A one-line JSON Secret: `"data":{…}` with its members on the same line. */
const INLINE_DATA_RE = /(\\*")(data|stringData)\1[ \t]*:[ \t]*\{([^{}]*)\}/g;
const INLINE_MEMBER_RE = /(\\*"(?:[^"\\]|\\.)*?\\*"[ \t]*:[ \t]*\\*")((?:[^"\\]|\\[^"])*)(\\*")/g;
const INLINE_KIND_RE = /\\*"kind\\*"[ \t]*:[ \t]*\\*"([A-Za-z]+)\\*"/;

/** A JWK private member and its value, in JSON, escaped JSON or a Python repr. */
const JWK_MEMBER_RE = /(\\*["'])(d|p|q|dp|dq|qi|k)\1([ \t]*:[ \t]*)(\\*["'])([A-Za-z0-9_+/=-]+)\4/g;
/** The same on a pretty-printed line of its own. */
const JWK_LINE_RE = /^([ \t]*)"(d|p|q|dp|dq|qi|k)"([ \t]*:[ \t]*)"([A-Za-z0-9_+/=-]+)"([ \t]*,?[ \t]*)$/;
const KTY_LINE_RE = /^([ \t]*)"kty"[ \t]*:/;
/** A value this long under a JWK member name is key material even before `kty` was seen. */
const JWK_BARE_MIN = 16;

const BASE64_VALUE_RE = /^[A-Za-z0-9+/]{4,}={0,2}$/;

/** Base64 as a Secret's `data` holds it (not a word that happens to use the alphabet). */
function looksBase64(v: string): boolean {
  if (v.length < 8 || v.length % 4 !== 0 || !BASE64_VALUE_RE.test(v)) return false;
  return /[0-9+/=]/.test(v) || /[A-Z]/.test(v.slice(1));
}

function unquote(v: string): string {
  const q = v.charCodeAt(0);
  return (q === 34 || q === 39) && v.length >= 2 && v.charCodeAt(v.length - 1) === q ? v.slice(1, -1) : v;
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return i;
}

export class StructuredState {
  private kind: Kind = null;
  private section: Section | null = null;
  /** Indent of the members of a pretty-printed object known to carry `kty`, or -1. */
  private jwkIndent = -1;

  /**
   * The line rewritten, or null: nothing here for this module. A `final` rewrite is the whole
   * output line; any other still goes through the usual redaction (the rest of the line).
   */
  line(line: string, host: StructuredHost): Rewrite | null {
    if (this.section !== null) {
      const r = this.inSection(this.section, line, host);
      if (r !== undefined) return r === null ? null : { text: r, final: true };
    }
    const c0 = line.charCodeAt(0);
    if ((c0 === 45 && line.startsWith('---')) || (c0 === 46 && line.startsWith('...'))) {
      this.kind = null;
      this.jwkIndent = -1;
      return null;
    }
    if (line.includes('kind')) this.noteKind(line);
    if (line.includes('ata')) {
      const m = SECTION_RE.exec(line);
      if (m !== null) {
        this.section = { indent: indentOf(line), json: m[4] === '{', stringData: m[3] === 'stringData' };
        return null;
      }
      if (line.includes('{')) {
        const r = this.inlineData(line, host);
        if (r !== null) return { text: r, final: false };
      }
    }
    const j = this.jwk(line, host);
    return j === null ? null : { text: j, final: false };
  }

  private noteKind(line: string): void {
    const m = KIND_RE.exec(line);
    if (m !== null) this.kind = (m[3] as string).toLowerCase() === 'secret' ? 'secret' : 'other';
    else if (indentOf(line) === 0 && line.charCodeAt(0) === 123) {
      // a new one-line JSON document: its own kind, or none
      const k = INLINE_KIND_RE.exec(line);
      this.kind = k === null ? null : (k[1] as string).toLowerCase() === 'secret' ? 'secret' : 'other';
    }
  }

  /** Whether a `data` / `stringData` value is redacted under what is known of the document. */
  private secretValue(value: string, stringData: boolean, kind: Kind): boolean {
    if (kind === 'other' || value.startsWith('[REDACTED') || isStandIn(value)) return false;
    if (stringData ? isMetasyntactic(value) : encodesPlaceholder(value)) return false; // `extra: YmFyCg==` is `bar`
    if (kind === 'secret' || stringData) return value.length > 0;
    return looksBase64(value);
  }

  /** A line inside `data:`; undefined when the section ended before it. */
  private inSection(sec: Section, line: string, host: StructuredHost): string | null | undefined {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return null;
    const ind = indentOf(line);
    if (sec.json) {
      if (t.startsWith('}')) {
        this.section = null;
        return null;
      }
      const m = JSON_MEMBER_RE.exec(line);
      if (m === null || !this.secretValue(m[3] as string, sec.stringData, this.kind)) return null;
      return `${m[1]}${m[2]}: "${host.mark('secret')}"${m[4]}`;
    }
    if (ind <= sec.indent) {
      this.section = null; // the map ended
      return undefined;
    }
    if (sec.list || t.startsWith('-')) {
      // `data:` holds a list: an ExternalSecret's references (`- key: MySecretManagerKey`,
      // `name:`, `property:`) name secrets kept in a store. A reference that holds a mixed
      // run of letters and digits still goes through the usual redaction, as does any other field.
      sec.list = true;
      const ref = REF_FIELD_RE.exec(line);
      return ref !== null && !MIXED_RUN_RE.test(ref[3] as string) && this.kind !== 'secret' ? line : undefined;
    }
    const m = YAML_MEMBER_RE.exec(line);
    if (m === null) return null;
    const raw = m[4] as string;
    if (YAML_BLOCK_RE.test(raw)) {
      if (this.kind === 'other') return null;
      host.openBlock(ind);
      return `${m[1]}${m[2]}: ${host.mark('secret')}`;
    }
    const value = unquote(raw.replace(/[ \t]+#.*$/, ''));
    if (!this.secretValue(value, sec.stringData, this.kind)) return null;
    return `${m[1]}${m[2]}: ${host.mark('secret')}`;
  }

  /** `{"kind":"Secret",…,"data":{"k":"v",…}}` on one line (escaped JSON too). */
  private inlineData(line: string, host: StructuredHost): string | null {
    const k = INLINE_KIND_RE.exec(line);
    const kind: Kind = k === null ? this.kind : (k[1] as string).toLowerCase() === 'secret' ? 'secret' : 'other';
    if (kind === 'other') return null;
    INLINE_DATA_RE.lastIndex = 0;
    let changed = false;
    const out = line.replace(INLINE_DATA_RE, (whole, _q: string, name: string, body: string) => {
      const inner = body.replace(INLINE_MEMBER_RE, (mem, head: string, value: string, close: string) => {
        if (!this.secretValue(value, name === 'stringData', kind)) return mem;
        changed = true;
        return head + host.mark('secret') + close;
      });
      return whole.slice(0, whole.length - body.length - 1) + inner + '}';
    });
    return changed ? out : null;
  }

  /** JWK private members: every one on a line carrying `kty`; a pretty member under a known `kty`. */
  private jwk(line: string, host: StructuredHost): string | null {
    if (line.includes('kty')) {
      const kt = KTY_LINE_RE.exec(line);
      if (kt !== null) {
        this.jwkIndent = (kt[1] as string).length;
        return null;
      }
      JWK_MEMBER_RE.lastIndex = 0;
      if (!JWK_MEMBER_RE.test(line)) return null;
      JWK_MEMBER_RE.lastIndex = 0;
      return line.replace(
        JWK_MEMBER_RE,
        (_m, q: string, name: string, sep: string, vq: string) => `${q}${name}${q}${sep}${vq}${host.mark('private-key')}${vq}`,
      );
    }
    // a pretty-printed member line: `"d": "…"` (no allocation before this cheap test)
    const ind = indentOf(line);
    const c = line.charCodeAt(ind);
    if (this.jwkIndent >= 0 && ind < this.jwkIndent && (c === 125 || c === 93)) this.jwkIndent = -1;
    if (c !== 34 || (line.charCodeAt(ind + 2) !== 34 && line.charCodeAt(ind + 3) !== 34)) return null;
    const m = JWK_LINE_RE.exec(line);
    if (m === null) return null;
    const known = this.jwkIndent === (m[1] as string).length;
    if (!known && (m[4] as string).length < JWK_BARE_MIN) return null;
    return `${m[1]}"${m[2]}"${m[3]}"${host.mark('private-key')}"${m[5]}`;
  }
}
