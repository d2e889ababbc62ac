/**
 * A strict JSON reader for public payloads. `JSON.parse` keeps the last of two equal keys,
 * but the published bytes keep both: a reader that sees only the last value would pass
 * `{"apiKey":"<live key>","apiKey":""}`. This reader gives the same value as `JSON.parse`
 * and records, on each object that had them, the earlier (shadowed) values of repeated
 * keys under the `SHADOWED` symbol, so the check can report the repetition and judge
 * every value that was published.
 *
 * Iterative (an explicit stack), so nesting is bounded by `maxDepth`, never by the call
 * stack; errors never echo the input.
 */
import { B3iqError } from '../core/errors.js';

/** Nesting deeper than this is refused (E_TOO_DEEP). */
export const MAX_PUBLIC_DEPTH = 256;

/** Non-enumerable property of a parsed object: the values its repeated keys shadowed. */
export const SHADOWED: unique symbol = Symbol('b3iq.public.shadowed');
export type Shadowed = Array<[key: string, value: unknown]>;

/** The shadowed entries of a parsed object (empty for objects without repeated keys). */
export function shadowedEntries(obj: object): Shadowed {
  const s = (obj as { [SHADOWED]?: Shadowed })[SHADOWED];
  return Array.isArray(s) ? s : [];
}

interface Frame {
  container: Record<string, unknown> | unknown[];
  /** The key whose value is being read (objects only). */
  key: string | null;
}

const WS_RE = /[ \t\n\r]*/y;
const PLAIN_RE = /[^"\\\u0000-\u001f]*/y;
const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function invalid(at: number): B3iqError {
  return new B3iqError('E_INVALID_JSON', `payload is not valid JSON (at offset ${at})`);
}

class Reader {
  i = 0;
  constructor(readonly s: string) {}

  ws(): void {
    WS_RE.lastIndex = this.i;
    WS_RE.test(this.s);
    this.i = WS_RE.lastIndex;
  }

  string(): string {
    const s = this.s;
    let i = this.i + 1; // past the opening quote
    let out = '';
    for (;;) {
      PLAIN_RE.lastIndex = i;
      PLAIN_RE.test(s);
      const end = PLAIN_RE.lastIndex;
      out += s.slice(i, end);
      i = end;
      const c = s[i];
      if (c === '"') {
        this.i = i + 1;
        return out;
      }
      if (c !== '\\') throw invalid(i); // end of text or a raw control character
      const e = s[i + 1];
      if (e === 'u') {
        const hex = s.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw invalid(i);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        const r = e === undefined ? undefined : ESCAPES[e];
        if (r === undefined) throw invalid(i);
        out += r;
        i += 2;
      }
    }
  }

  /** A scalar at the cursor; undefined when the cursor starts a container. */
  /** Steps over a literal (true, false, null) of n characters and returns its value. */
  skip<T>(n: number, value: T): T {
    this.i += n;
    return value;
  }

  scalar(): unknown {
    const s = this.s;
    const c = s[this.i];
    if (c === '"') return this.string();
    if (c === 't' && s.startsWith('true', this.i)) return this.skip(4, true);
    if (c === 'f' && s.startsWith('false', this.i)) return this.skip(5, false);
    if (c === 'n' && s.startsWith('null', this.i)) return this.skip(4, null);
    NUMBER_RE.lastIndex = this.i;
    const m = NUMBER_RE.exec(s);
    if (!m) throw invalid(this.i);
    this.i = NUMBER_RE.lastIndex;
    return Number(m[0]);
  }
}

function setMember(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.hasOwn(obj, key)) {
    let shadow = (obj as { [SHADOWED]?: Shadowed })[SHADOWED];
    if (!shadow) {
      shadow = [];
      Object.defineProperty(obj, SHADOWED, { value: shadow, enumerable: false });
    }
    shadow.push([key, obj[key]]);
  }
  // like JSON.parse, "__proto__" becomes an own property, not the prototype
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

/**
 * Parses JSON text strictly (RFC 8259; a leading BOM is skipped). Throws B3iqError
 * E_TOO_DEEP past `maxDepth` levels of nesting, E_INVALID_JSON otherwise.
 */
export function parseStrictJson(text: string, opts: { maxDepth?: number } = {}): unknown {
  const maxDepth = opts.maxDepth ?? MAX_PUBLIC_DEPTH;
  let s = String(text);
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  const r = new Reader(s);
  const stack: Frame[] = [];
  let result: unknown;
  let done = false;
  r.ws();
  // `value` is the state "a value starts here"; after it, `close` handles , ] }
  for (;;) {
    // read one value, or open a container
    let value: unknown;
    const c = s[r.i];
    if (c === '{' || c === '[') {
      if (stack.length >= maxDepth) throw new B3iqError('E_TOO_DEEP', `payload nesting exceeds ${maxDepth} levels`);
      r.i++;
      r.ws();
      const frame: Frame = c === '{' ? { container: {}, key: null } : { container: [], key: null };
      const closer = c === '{' ? '}' : ']';
      if (s[r.i] === closer) {
        r.i++;
        value = frame.container;
      } else {
        stack.push(frame);
        if (c === '{') {
          if (s[r.i] !== '"') throw invalid(r.i);
          frame.key = r.string();
          r.ws();
          if (s[r.i] !== ':') throw invalid(r.i);
          r.i++;
          r.ws();
        }
        continue;
      }
    } else {
      value = r.scalar();
    }
    // store the value and climb while containers close
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top) {
        result = value;
        done = true;
        break;
      }
      if (Array.isArray(top.container)) top.container.push(value);
      else setMember(top.container, top.key as string, value);
      r.ws();
      const d = s[r.i];
      if (d === ',') {
        r.i++;
        r.ws();
        if (!Array.isArray(top.container)) {
          if (s[r.i] !== '"') throw invalid(r.i);
          top.key = r.string();
          r.ws();
          if (s[r.i] !== ':') throw invalid(r.i);
          r.i++;
          r.ws();
        }
        break;
      }
      if (d === (Array.isArray(top.container) ? ']' : '}')) {
        r.i++;
        stack.pop();
        value = top.container;
        continue;
      }
      throw invalid(r.i);
    }
    if (done) break;
  }
  r.ws();
  if (r.i !== s.length) throw invalid(r.i);
  return result;
}
