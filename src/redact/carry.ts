/**
 * A secret that ran to the very end of a line may go on in the next: a wrapped base64 block
 * with whole lines of base64, a token wrapped by a terminal with its second half at the start,
 * an INI value continued on an indented line. The engine keeps one `CarriedSecret`.
 */
import { isBlank } from './chars.js';
import { afterLogPrefix } from './log-prefix.js';
import { isRandomBase64 } from './literals.js';
import { TERMINAL_WIDTHS, mnemonicRestEnd } from './mnemonic-wrap.js';
import { quotedBlockEnd, quotedBlockNext } from './quoted-base64.js';
import { ArgvList } from './argv-list.js';

/** What a continuation needs from the engine: a marker (counted) and the usual line redaction. */
export interface CarryHost {
  mark(cat: string): string;
  redactText(text: string): string;
}

/** Lines shorter than this were not wrapped by a terminal or an encoder. */
const WRAP_MIN = 60;
/**
 * The first word of a continuation line: token characters with a digit, no ':' (not a timestamp);
 * or a digit-free run that reads as random (a wrapped token's tail has no digit in 1 of 250).
 */
const WRAPPED_HEAD_RE =
  /^[ \t]*((?=[A-Za-z0-9+/_.-]*\d)(?=[A-Za-z0-9+/_.-]*[A-Za-z])[A-Za-z0-9+/_.-]{8,}={0,2}\\?|[A-Za-z0-9+/]{0,7}={1,2}|[A-Za-z+/_-]{16,}(?![A-Za-z0-9+/_.-]))([\s,;"'}\]].*)?$/;
/** A digit-free head is carried only when its letters look drawn at random. */
const isTokenHead = (head: string): boolean => /[\d=]/.test(head) || isRandomBase64(head);
/** The last line of a wrapped base64 block: 12+ base64 characters, or a padded run, alone in the line. */
const BLOCK_TAIL_RE = /^[ \t]*(?:[A-Za-z0-9+/]{12,}={0,2}|[A-Za-z0-9+/]{2,}={1,2})[ \t]*$/;
const BLOCK_CATS = new Set(['base64-blob', 'private-key', 'certificate', 'tee-quote']);
const ENDING_MARKER_RE = /\[REDACTED:([a-z0-9-]+)\]$/;
/** A block line's marker before a quoted framing's closer (`"`, `"}`, `\"`). */
const QUOTED_MARKER_RE = /\[REDACTED:(base64-blob|tee-quote|private-key)\]\\*"[}\]]?[ \t]*\r?$/;
const MNEMONIC_END_RE = /\[REDACTED:mnemonic\] ?$/;
/** `key = value` from column 0 (INI, .properties): its value may go on in indented lines. */
const INI_KEY_LINE_RE = /^[A-Za-z_][\w.-]*[ \t]*[=:][ \t]*[^\s"']+$/;
/** Categories whose value may wrap onto the next line. */
const WRAPPING = new Set([
  'base64-blob',
  'tee-quote',
  'private-key',
  'secret',
  'password',
  'api-key',
  'github-token',
  'slack-token',
  'stripe-key',
  'jwt',
  'local-key',
  'support-grant',
  'gateway-key',
  'setup-token',
  'authorization',
  'cloudflare-token',
  'cloudflare-tunnel-token',
  'aws-secret-key',
  'hex-secret',
]);

/** The category of a marker that ends both the output and (as a secret) the input line. */
function endingMarker(out: string, line: string): string | null {
  const m = ENDING_MARKER_RE.exec(out);
  if (m === null || !WRAPPING.has(m[1] as string)) return null;
  const last = line.charCodeAt(line.length - 1);
  // the input must end inside the secret (a token character), not after a closing quote
  // (or in a `\` that continues a .properties value on the next line)
  return /[A-Za-z0-9+/=_\\-]/.test(String.fromCharCode(last)) ? (m[1] as string) : null;
}

/** The line ends in a quote, or a record's `}`/`]` (a cheap test before the marker regex). */
function closesQuote(line: string): boolean {
  const c = line.charCodeAt(line.length - (line.endsWith('\r') ? 2 : 1));
  return c === 34 || c === 125 || c === 93;
}

export class CarriedSecret {
  /** The category of a secret that ran to the end of the previous line. */
  private cat: string | null = null;
  /** It ended a short `key = value` line: only an indented line continues it. */
  private indented = false;
  /** It ended inside a quoted framing (a JSON message, logfmt's `msg="…"`, a CSV field): so does the next line. */
  private quoted = false;
  /** An argv written as a YAML list, one element a line. */
  private readonly argv = new ArgvList();

  clear(): void {
    this.cat = null;
  }

  /** After a line was redacted as usual: remember whether its secret ran to its very end. */
  after(line: string, out: string): void {
    this.argv.opens(line);
    const wrapped = line.length >= WRAP_MIN;
    this.cat = out !== line && (wrapped || INI_KEY_LINE_RE.test(line)) ? endingMarker(out, line) : null;
    // a mnemonic a terminal cut (the line is exactly its width), maybe right after a word
    if (this.cat === null && TERMINAL_WIDTHS.has(line.length) && MNEMONIC_END_RE.test(out) && /[a-z] ?$/.test(line)) this.cat = 'mnemonic';
    this.indented = !wrapped;
    this.quoted = false;
    // a base64 block's line inside a quoted framing: its next line is read inside the same framing
    if (this.cat === null && wrapped && out !== line && closesQuote(line)) {
      const q = QUOTED_MARKER_RE.exec(out);
      if (q !== null && quotedBlockEnd(line) >= 0) {
        this.cat = q[1] as string;
        this.quoted = true;
      }
    }
  }

  /**
   * The line after one whose secret ran to its very end, when it continues that secret; null
   * when it does not (it is then redacted as usual). Either way the carried secret is spent.
   */
  next(line: string, host: CarryHost): string | null {
    const arg = this.argv.next(line);
    if (arg !== null) {
      this.cat = null;
      return host.redactText(line.slice(0, arg[0])) + host.mark('password') + host.redactText(line.slice(arg[1]));
    }
    const cat = this.cat;
    this.cat = null;
    if (cat === null) return null;
    if (this.quoted) {
      const q = quotedBlockNext(line);
      this.quoted = q?.[2] === true;
      if (q === null) return null;
      if (q[2]) this.cat = cat; // a whole line: the block may go on
      return line.slice(0, q[0]) + host.mark(cat) + line.slice(q[1]);
    }
    if (this.indented && !isBlank(line.charCodeAt(0))) return null;
    // the block's next line may carry the same log prefix as its first
    const from = this.indented ? 0 : afterLogPrefix(line);
    const body = from === 0 ? line : line.slice(from);
    // a mnemonic cut by a terminal: the rest of its last word and the words after it
    if (cat === 'mnemonic') {
      const e = mnemonicRestEnd(body);
      if (e < 0) return null;
      const whole = e === body.length || (e === body.length - 1 && body.endsWith(' '));
      if (whole && TERMINAL_WIDTHS.has(line.length)) this.cat = cat; // the phrase may go on
      return line.slice(0, from) + host.mark(cat) + (e === body.length ? '' : whole ? ' ' : host.redactText(body.slice(e)));
    }
    // a base64 block's short last line need not hold a digit: a whole line of base64, 12+ or padded
    if (BLOCK_CATS.has(cat) && BLOCK_TAIL_RE.test(body)) {
      this.cat = cat; // the block may go on
      return line.slice(0, from) + host.mark(cat);
    }
    const m = WRAPPED_HEAD_RE.exec(body);
    if (m === null) return null;
    const head = m[1] as string;
    if (!isTokenHead(head)) return null;
    const rest = m[2] ?? '';
    const lead = line.length - rest.length - head.length;
    if (rest.trim() === '') this.cat = cat; // a whole line of base64: the block may go on
    return line.slice(0, lead) + host.mark(cat) + (rest === '' ? '' : host.redactText(rest));
  }
}
