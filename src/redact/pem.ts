/**
 * PEM blocks in any framing. A block's body lines may carry whatever prefix the medium
 * adds to every line (journald/syslog `May 01 12:00:00 host app[811]: `, `kubectl logs
 * --timestamps`, `docker logs -t`, `# ` in a config comment, a YAML indent), and a body
 * line may be of any length (a one-line SEC1 key). The whole block is redacted: the state
 * ends only at `-----END`, or at a line that cannot be part of the body.
 */
import { PEM_BEGIN } from './patterns.js';
import { holdsNoKeyMaterial } from './stand-ins.js';

export interface PemState {
  /** Lines swallowed so far. */
  lines: number;
  /** What the BEGIN line carried before `-----BEGIN` (the per-line framing). */
  prefix: string;
  /** A private key's block: its first line is body whatever it holds. */
  private: boolean;
  /** An encrypted PGP message's block: its body goes out as written (ciphertext). */
  clear?: boolean;
}

const HEADER_RE = /^(?:Proc-Type|DEK-Info|Comment|Version):/;
const BASE64_RE = /^[A-Za-z0-9+/=]+$/;
/** A trailing base64 run after any framing: the body part of a prefixed line. */
const TRAILING_BASE64_RE = /(?:^|[\s:|>\]"'])([A-Za-z0-9+/]{16,}={0,2}|[A-Za-z0-9+/]{1,}={1,2})$/;

/**
 * Blocks without BEGIN/END armour whose body is base64 or hex lines: an Ansible vault file
 * (`$ANSIBLE_VAULT;1.1;AES256` then hex), OpenVPN's inline static keys (`<tls-crypt>` then hex).
 * The header stays; the state ends at the first line that is not body (`</tls-crypt>`).
 */
const UNARMOURED_RE = /\$ANSIBLE_VAULT;[\d.]+;\w+(?:;[\w.-]+)?(?=[ \t]*$)|<tls-(?:auth|crypt|crypt-v2)>(?=[ \t]*$)/;

function unarmouredStart(line: string): { index: number; label: string; state: PemState } | null {
  if (!line.includes('$ANSIBLE_VAULT;') && !line.includes('<tls-')) return null;
  const m = UNARMOURED_RE.exec(line);
  if (m === null) return null;
  const label = m[0].startsWith('<') ? 'OPENVPN STATIC KEY' : 'ANSIBLE VAULT';
  return { index: m.index + m[0].length, label, state: { lines: 0, prefix: line.slice(0, m.index), private: false } };
}

/** `-----BEGIN <label>-----` without its END on the same line: the start of a multi-line block. */
export function pemStart(line: string): { index: number; label: string; state: PemState } | null {
  const bi = line.indexOf(PEM_BEGIN);
  if (bi < 0) return unarmouredStart(line);
  const labelEnd = line.indexOf('-----', bi + PEM_BEGIN.length);
  if (labelEnd < 0 || line.indexOf('-----END ', labelEnd) >= 0) return null;
  const label = line.slice(bi + PEM_BEGIN.length, labelEnd);
  return { index: bi, label, state: { lines: 0, prefix: line.slice(0, bi), private: label.includes('PRIVATE') } };
}

/** Whether `line` can be a body line of the block (base64, a header, blank), framing removed. */
export function pemBodyLine(st: PemState, line: string): boolean {
  // the line right after a private key's BEGIN is its first body line, however mangled
  // (re-wrapped, a placeholder, a paste with spaces): never let it out
  if (st.private && st.lines === 1) return true;
  const bare = line.trim();
  if (bare === '' || BASE64_RE.test(bare) || HEADER_RE.test(bare)) return true;
  // the same framing as the BEGIN line (`# `, a fixed-width log prefix)
  if (st.prefix !== '' && line.length > st.prefix.length) {
    const body = line.slice(st.prefix.length).trim();
    if (body === '' || BASE64_RE.test(body) || HEADER_RE.test(body)) return true;
  }
  // a framing that varies per line (timestamps, PIDs): the line ends in a base64 run
  return st.prefix.trim() !== '' && TRAILING_BASE64_RE.test(line.trimEnd());
}

/**
 * A private key's BEGIN line held back, with at most HOLD_MAX body lines, until the body shows
 * whether it holds key material: a template (`anything`, `***`) goes out as written, a key as
 * one marker in the BEGIN line's place (the same output as when it is marked at once).
 */
export interface HeldPem {
  /** The BEGIN line's text before `-----BEGIN`, already redacted. */
  head: string;
  begin: string;
  label: string;
  body: string[];
}

/** Labels whose blocks are held: private keys (a template?) and PGP messages (encrypted?). */
export function isHeldLabel(label: string): boolean {
  return label.includes('PRIVATE') || label === 'PGP MESSAGE';
}

/**
 * A PGP message's first packet, once its body shows one: 'encrypted' when it is a public- or
 * symmetric-key encrypted session key (tags 1 and 3: what follows is ciphertext, readable only
 * with the recipient's key, as `sops` and `gpg --encrypt` write it), 'other' for a signed,
 * compressed or literal message (its content is readable), null while no body line was seen.
 */
export function pgpMessageKind(h: HeldPem): 'encrypted' | 'other' | null {
  const first = h.body.map((l) => l.trim()).find((l) => l !== '' && !HEADER_RE.test(l));
  if (first === undefined) return null;
  const b = Buffer.from(first.slice(0, 4), 'base64')[0] ?? 0;
  if ((b & 0x80) === 0) return 'other';
  const tag = b & 0x40 ? b & 0x3f : (b & 0x3c) >> 2;
  return tag === 1 || tag === 3 ? 'encrypted' : 'other';
}

/** Body lines a template has at most (`anything`, `***`, a base64 word). */
const HOLD_MAX = 2;

/** Adds a body line; whether the block may still be a template. */
export function stillATemplate(h: HeldPem, line: string): boolean {
  h.body.push(line);
  return h.body.length <= HOLD_MAX && holdsNoKeyMaterial(h.body.join('\n'));
}

/** At `-----END`: whether the whole body (and what stood before END on its line) holds no key. */
export function endsAsTemplate(h: HeldPem, beforeEnd: string): boolean {
  return holdsNoKeyMaterial([...h.body, beforeEnd].join('\n'));
}
