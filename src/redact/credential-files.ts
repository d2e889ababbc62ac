/**
 * Credential files whose secret stands by position, not under a key:
 * - Terraform/HCL: `variable "db_password" { default = "…" }` (the default of a variable
 *   whose name is secret-like; the multi-line block is followed in engine state);
 * - strongSwan/libreswan `ipsec.secrets`: `: RSA key.pem "passphrase"`, `user : EAP "pw"`;
 * - pppd `chap-secrets` / `pap-secrets`: `client server secret IP…` (the addresses `*`, `-` or IPv4);
 * - Samba `smbpasswd`: `user:uid:LMHASH:NTHASH:[U  ]:LCT-…:` (the hashes are crackable);
 * - Rails `config/master.key` / `config/credentials/*.key`: the bare 32-hex line a
 *   `cat config/master.key` (or a `==> … <==` header) prints.
 * Every pattern is anchored by fixed words and bounded repeats, so each stays linear.
 */
import { classifyKey } from './key-names.js';
import { AuthUserPassState } from './openvpn.js';
import type { Category } from './patterns.js';
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { isSecretValue } from './values.js';

/** The category of a Terraform variable's default, or null when its name holds no secret. */
function hclVariableCategory(name: string, value: string): Category | null {
  const cat = classifyKey(name);
  if (cat === null || value.length === 0 || value.includes('${')) return null;
  return isSecretValue(cat, name, value) ? cat : null;
}

/** `variable "db_password" { default = "…" }`: a one-line block holds one attribute. */
const HCL_ONE_LINE_RE = /(?<=\bvariable[ \t]+"([^"\n]{1,80})"[ \t]*\{[ \t]*default[ \t]*=[ \t]*")[^"\n]*(?=")/g;

export const HCL_VARIABLE_RULE: Rule = {
  needs: { lits: ['variable'] },
  gate: (l) => l.includes('variable') && l.includes('default'),
  re: HCL_ONE_LINE_RE,
  handle: (eng, m) => {
    const cat = hclVariableCategory(m[1] as string, m[0]);
    return cat === null ? null : [eng.mark(cat), m.index + m[0].length];
  },
};

/** `variable "name" {` opening a multi-line block: its name, or null. */
const HCL_BLOCK_OPEN_RE = /^[ \t]*variable[ \t]+"([^"\n]{1,80})"[ \t]*\{[ \t]*(?:#.*)?$/;
const HCL_DEFAULT_RE = /^([ \t]*default[ \t]*=[ \t]*")([^"\n]*)("[ \t]*(?:#.*)?)$/;
const HCL_SENSITIVE_RE = /^[ \t]*sensitive[ \t]*=[ \t]*true\b/;

/** A multi-line `variable` block being read: its name, whether `sensitive = true` was seen, lines read. */
export interface HclBlock {
  name: string;
  sensitive: boolean;
  /** Lines read: a block that never closes is given up. */
  lines: number;
}

/** The block a line opens, or null. */
export function hclBlockOpen(line: string): HclBlock | null {
  if (!line.includes('variable')) return null;
  const m = HCL_BLOCK_OPEN_RE.exec(line);
  return m === null ? null : { name: m[1] as string, sensitive: false, lines: 0 };
}

/**
 * One line inside a variable block: the line with a secret default marked (or unchanged), and
 * whether the block is still open. `sensitive = true` after the default cannot reach back, so a
 * sensitive block's default is caught when `sensitive` comes first, or by the name.
 */
export function hclBlockLine(st: HclBlock, line: string, mark: (cat: string) => string): { out: string | null; open: boolean } {
  st.lines++;
  if (/^[ \t]*\}/.test(line) || st.lines > 200) return { out: null, open: false };
  if (HCL_SENSITIVE_RE.test(line)) st.sensitive = true;
  const d = HCL_DEFAULT_RE.exec(line);
  if (d === null) return { out: null, open: true };
  const value = d[2] as string;
  const cat = hclVariableCategory(st.name, value) ?? (st.sensitive && value.length > 0 && !value.includes('${') ? 'secret' : null);
  return { out: cat === null ? null : `${d[1]}${mark(cat)}${d[3]}`, open: true };
}

/** ipsec.secrets: the quoted passphrase of a key file or a PIN, and EAP/XAUTH/NTLM passwords. */
const IPSEC_RE = /(?<=(?:^|[ \t]):[ \t]+(?:(?:RSA|ECDSA|BLISS|PKCS8|PKCS12|P12|PIN)[ \t]+[^\s"]{1,200}[ \t]+|(?:EAP|XAUTH|NTLM)[ \t]+))"[^"\n]+"/g;
const IPSEC_LITS = [': RSA', ': ECDSA', ': BLISS', ': PKCS', ': P12', ': PIN', ': EAP', ': XAUTH', ': NTLM'];

export const IPSEC_SECRETS_RULE: Rule = {
  needs: { lits: IPSEC_LITS },
  gate: (l) => IPSEC_LITS.some((lit) => l.includes(lit)),
  re: IPSEC_RE,
  handle: (eng, m) => [`"${eng.mark('password')}"`, m.index + m[0].length],
};

/**
 * chap-secrets / pap-secrets: exactly `client server secret [IP…]`, the server `*`, quoted or a name (`myserver`, `pptpd`)
 * and the addresses `*`, `-` or IPv4: the third field is the password.
 */
// (a `#` starts a comment only at a word's start: `Aqu5fw#RZ` is one word)
const FIELD = `(?:"[^"\\n]{0,200}"|[^\\s"#][^\\s"]{0,199})`;
/** A named server (`myserver`, `vpn-gw`, `pptpd`): a host or daemon name. */
const SERVER_NAME = '[A-Za-z][A-Za-z0-9_.-]{0,62}';
/** Anchored at the line's start (tried at one position only): the two fields before the secret, the secret, the addresses. */
const PPP_RE = new RegExp(
  `^([ \\t]*${FIELD}[ \\t]+(?:\\*|"[^"\\n]{0,200}"|${SERVER_NAME})[ \\t]+)(${FIELD})(?=(?:[ \\t]+(?:\\*|-|\\d{1,3}(?:\\.\\d{1,3}){3}(?:/\\d{1,2})?))+[ \\t]*$)`,
  'g',
);

function pppSecret(eng: RuleHost, m: Match): HandlerResult {
  const v = m[2] as string;
  const inner = v.startsWith('"') ? v.slice(1, -1) : v;
  // quoted, any length is a password (`"pw"`); bare, a short or all-digit field is a column of a table
  if (inner === '' || inner === '*' || (v === inner && (inner.length < 3 || /^\d+$/.test(inner)))) return null;
  const q = v.startsWith('"') ? '"' : '';
  return [(m[1] as string) + q + eng.mark('password') + q, m.index + m[0].length];
}

/** The line's last non-blank character is `*`, `-` or a digit: it may end in a secrets file's addresses. */
const endsInAddress = (l: string): boolean => {
  let i = l.length - 1;
  while (i > 0 && (l.charCodeAt(i) === 32 || l.charCodeAt(i) === 9)) i--;
  const c = l.charCodeAt(i);
  return c === 42 || c === 45 || (c >= 48 && c <= 57);
};

export const PPP_SECRETS_RULE: Rule = {
  needs: { lits: ['*', '-', '.'] },
  // a secrets file's line is short and ends in `*`, `-` or an address; the regex is tried at its start only
  gate: (l) => l.length < 1200 && endsInAddress(l),
  re: PPP_RE,
  handle: pppSecret,
};

/** smbpasswd: the LM and NT hashes (32 hex each; `X…X` stands for none). */
const SMBPASSWD_RE = /(?<=^[^:\s]{1,64}:\d{1,10}:(?:[0-9A-FX]{32}:)?)[0-9A-F]{32}(?=:(?:[0-9A-FX]{32}:)?\[[A-Z ]{1,16}\]:LCT-)/g;

export const SMBPASSWD_RULE: Rule = {
  needs: { lits: [':LCT-'] },
  gate: (l) => l.includes(':LCT-'),
  re: SMBPASSWD_RE,
  handle: (eng, m) => [eng.mark('token-hash'), m.index + m[0].length],
};

/** `cat config/master.key` (a prompt before it allowed) or `==> config/credentials/production.key <==`. */
const RAILS_KEY_HEADER_RE =
  /(?:^|[\s$#>])(?:cat|head|tail|more|less|bat|batcat)[ \t]+(?:-\S+[ \t]+)*\S{0,200}?(?:master|credentials\/[\w.-]{1,64})\.key[ \t]*$|^==> \S{0,200}?(?:master|credentials\/[\w.-]{1,64})\.key <==$/;
const RAILS_KEY_RE = /^[ \t]*[0-9a-f]{32}[ \t]*$/;

/**
 * The lines of a credential file that follow a line announcing it: a multi-line Terraform
 * variable block, the key a `cat config/master.key` prints. One small record, no buffering.
 */
export class CredentialFileState {
  private hcl: HclBlock | null = null;
  private railsKeyNext = false;
  /** OpenVPN auth-user-pass files (openvpn.ts): the password line after the user line. */
  private readonly vpnAuth = new AuthUserPassState();

  get open(): boolean {
    return this.hcl !== null || this.railsKeyNext || this.vpnAuth.open;
  }

  /**
   * The line redacted when it is such a file's secret line, else null (and the state advanced).
   * `noWatchLits`: the caller knows the line holds no literal of openvpn.ts's WATCH_LITS_RE.
   */
  line(line: string, mark: (cat: string) => string, noWatchLits = false): string | null {
    if (this.railsKeyNext) {
      this.railsKeyNext = false;
      if (RAILS_KEY_RE.test(line)) return mark('secret');
    }
    if (this.hcl !== null) {
      const r = hclBlockLine(this.hcl, line, mark);
      if (!r.open) this.hcl = null;
      return r.out;
    }
    const vpn = this.vpnAuth.line(line, mark, noWatchLits);
    if (vpn !== null) return vpn;
    if (line.includes('.key') && RAILS_KEY_HEADER_RE.test(line)) this.railsKeyNext = true;
    else this.hcl = hclBlockOpen(line);
    return null;
  }
}

export const CREDENTIAL_FILE_RULES: Rule[] = [HCL_VARIABLE_RULE, IPSEC_SECRETS_RULE, PPP_SECRETS_RULE, SMBPASSWD_RULE];
