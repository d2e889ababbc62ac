/**
 * Public-boundary findings red team 5 found missing: what identifies the operator's machine
 * or a person without being a credential.
 * - hardware identifiers: a MAC address, a GPU or MIG UUID (`GPU-6ff4…`), a machine-id, a
 *   board or disk serial: each pins one machine across payloads, as an account id pins a person;
 * - an SSH public key with its `user@host` comment: the key is public, the comment names who
 *   and which machine;
 * - an e-mail address spelled with plain words (`alice at acme dot com`), and a login at a
 *   private-use name (`alice@gpu-box.lan`): a person and a machine of the operator's network.
 */
import type { PublicCategory } from './categories.js';
import { readsAsProse } from './keys.js';

/** Six byte pairs joined by one separator (`00:1a:2b:3c:4d:5e`, `00-1A-…`), or Cisco's dotted form; not a longer hex list (a fingerprint). */
const MAC_RE = /(?<![0-9A-Fa-f:.-])(?:[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})(?![0-9A-Fa-f:.-])/;
const NO_MAC_RE = /^(?:00[:.-]?){5}00$|^(?:ff[:.-]?){5}ff$/i;
const GPU_UUID_RE = /(?<![\w-])(?:GPU|MIG)-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/i;
const SSH_KEY_COMMENT_RE =
  /(?:(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d{3}|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)[ \t]+AAAA[A-Za-z0-9+/]{16,}={0,2}|SHA256:[A-Za-z0-9+/]{43}={0,1})[ \t]+[^\s@]{1,64}@[A-Za-z0-9][\w.-]{0,252}/;
const WORDS_EMAIL_RE =
  /(?<![\w.%+-])[A-Za-z0-9._%+-]{1,64}[ \t]+at[ \t]+[A-Za-z0-9-]{1,63}(?:[ \t]+dot[ \t]+[A-Za-z0-9-]{1,63}){0,3}[ \t]+dot[ \t]+(?:com|org|net|io|ai|dev|co|edu|gov|info|biz|me|app|de|uk|fr|nl|ch|se|no|fi|dk|pl|jp|cn|in|ru|br|es|it|ca|au|us|eu)(?![\w])/i;

const LOGIN_AT_PRIVATE_NAME_RE =
  /(?<![\w.%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.(?:lan|local|home|internal|corp|intranet|localdomain|home\.arpa)(?![\w-]|\.[\w-])/i;

export function identifierTextFindings(s: string, add: (c: PublicCategory, m: string) => void): void {
  if (s.length >= 14) {
    const mac = MAC_RE.exec(s);
    if (mac && !NO_MAC_RE.test(mac[0])) add('customer-identity', 'value carries a MAC address');
  }
  if (s.length >= 40 && GPU_UUID_RE.test(s)) add('customer-identity', 'value carries a GPU UUID');
  if (s.length >= 40 && (s.includes('AAAA') || s.includes('SHA256:')) && SSH_KEY_COMMENT_RE.test(s))
    add('customer-identity', "value carries an SSH key's user@host comment");
  if (s.includes('@') && LOGIN_AT_PRIVATE_NAME_RE.test(s)) add('customer-identity', 'value carries a login at a private host');
  if (s.length >= 14 && / dot /i.test(s) && WORDS_EMAIL_RE.test(s)) add('customer-identity', 'value carries an e-mail address (spelled out in words)');
}

/** Keys (folded) whose value identifies one machine (a bare `serial` may number a record, not a machine). */
const MACHINE_KEY_RE =
  /^(?:machineid|hostid|systemuuid|productuuid|boarduuid|dmiuuid|smbiosuuid|hardwareid|hwid|deviceserial|serialno|serialnumber|boardserial|chassisserial|productserial|systemserial|diskserial|gpuserial|gpuuuid|deviceuuid|bootid|mac|macs|macaddr|macaddress|hwaddr|hwaddress|ethaddr|imei)$/;
/** What firmware writes when it has no serial: no identity. */
const NO_SERIAL_RE = /^(?:n\/?a|none|unknown|not specified|to be filled by o\.?e\.?m\.?|default string|system serial number|0+|redacted)$/i;

/** Objects that describe one machine or device; their `id`/`uuid` is the machine's when it is shaped like one. */
const MACHINE_PARENT_RE = /^(?:host|machine|system|device|devices|dmi|smbios|gpu|gpus|nvidia|cuda|accelerator|accelerators)$/;
const MACHINE_ID_VALUE_RE = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** `{"machineId": "4c3f…"}`, `{"serialNumber": "PHX2419A0123"}`, `{"gpus":[{"uuid": …}]}`: the folded key, its value and its object's key. */
export function machineKeyedCategory(folded: string, value: string, parent: string | null): PublicCategory | null {
  if ((folded === 'id' || folded === 'uuid') && parent !== null && MACHINE_PARENT_RE.test(parent)) {
    return MACHINE_ID_VALUE_RE.test(value.trim()) ? 'customer-identity' : null;
  }
  if (!MACHINE_KEY_RE.test(folded)) return null;
  const v = value.trim();
  return v.length >= 4 && !NO_SERIAL_RE.test(v) && !/^(?:true|false)$/i.test(v) ? 'customer-identity' : null;
}

/** Objects that hold one request or sample: their `text` is what a user typed when it reads as prose. */
const REQUEST_PARENT_RE = /^(?:request|req|lastrequest|sample|samples|example|examples|last|query|call|generation|turn|turns|input|inputs)$/;
export function isRequestText(folded: string, value: string, parent: string | null): boolean {
  return folded === 'text' && parent !== null && REQUEST_PARENT_RE.test(parent) && readsAsProse(value);
}
