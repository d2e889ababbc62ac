/**
 * PEM blocks in any framing. A block's body lines may carry whatever prefix the medium
 * adds to every line (journald/syslog `May 01 12:00:00 host app[811]: `, `kubectl logs
 * --timestamps`, `docker logs -t`, `# ` in a config comment, a YAML indent), and a body
 * line may be of any length (a one-line SEC1 key). The whole block is redacted: the state
 * ends only at `-----END`, or at a line that cannot be part of the body.
 */
import { PEM_BEGIN } from './patterns.js';

export interface PemState {
  /** Lines swallowed so far. */
  lines: number;
  /** What the BEGIN line carried before `-----BEGIN` (the per-line framing). */
  prefix: string;
  /** A private key's block: its first line is body whatever it holds. */
  private: boolean;
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
