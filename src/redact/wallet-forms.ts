/**
 * Wallet key material by its own shape or its tool's words (wallet.ts holds mnemonics and
 * the key-named 64-hex forms):
 * - WIF private keys (Bitcoin's Wallet Import Format): Base58Check of 0x80/0xef + 32 bytes
 *   (+ 0x01 when compressed): 51–52 characters whose checksum is verified, so a random
 *   base58 run never matches by chance;
 * - Ethereum V3 keystore JSON: `"ciphertext"` and `"mac"` (the encrypted key and its check,
 *   enough for an offline password search);
 * - a bare 64-hex key after a wallet command's verb (`wallet import`, `keygen recover`,
 *   `sk:`).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { needsAnyLit, needsTest } from './needs-test.js';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const B58_INDEX = new Map([...B58].map((c, i) => [c, i]));

/** The bytes a Base58 string spells, or null. */
function base58Bytes(s: string): Uint8Array | null {
  let n = 0n;
  for (const c of s) {
    const d = B58_INDEX.get(c);
    if (d === undefined) return null;
    n = n * 58n + BigInt(d);
  }
  const out: number[] = [];
  while (n > 0n) {
    out.push(Number(n & 0xffn));
    n >>= 8n;
  }
  for (let i = 0; i < s.length && s[i] === '1'; i++) out.push(0);
  return Uint8Array.from(out.reverse());
}

/** Whether `s` is a checksum-valid WIF private key (main or test network). */
export function isWif(s: string): boolean {
  const b = base58Bytes(s);
  if (b === null || (b.length !== 37 && b.length !== 38)) return false;
  if (b[0] !== 0x80 && b[0] !== 0xef) return false;
  if (b.length === 38 && b[33] !== 0x01) return false;
  const payload = b.subarray(0, b.length - 4);
  const check = sha256(sha256(payload));
  for (let i = 0; i < 4; i++) if (check[i] !== b[payload.length + i]) return false;
  return true;
}

/** A base58 run of a WIF's length, standing alone. */
const WIF_RE = /(?<![A-Za-z0-9])[59KLc][1-9A-HJ-NP-Za-km-z]{50,51}(?![A-Za-z0-9])/g;

export const WIF_RULE: Rule = {
  ...needsTest(/[59KLc][1-9A-HJ-NP-Za-km-z]{50}/),
  re: WIF_RE,
  handle: (eng: RuleHost, m: Match): HandlerResult => (isWif(m[0]) ? [eng.mark('private-key'), m.index + m[0].length] : null),
};

/** `"ciphertext": "<hex>"` and `"mac": "<64 hex>"` of a keystore (pretty-printed or not). */
const KEYSTORE_RE = /(?<="(?:ciphertext|mac)\\{0,3}"[ \t]*:[ \t]*\\{0,3}")[0-9a-fA-F]{32,}(?=\\{0,3}")/g;
const KEYSTORE_LITS = ['ciphertext', 'mac"', 'mac\\"'];

export const KEYSTORE_RULE: Rule = {
  ...needsAnyLit(KEYSTORE_LITS),
  re: KEYSTORE_RE,
  handle: (eng, m, line) => {
    // a keystore's mac is 32 bytes; a shorter hex under "mac" elsewhere is no key check
    if (line.lastIndexOf('mac', m.index) > line.lastIndexOf('ciphertext', m.index) && m[0].length !== 64) return null;
    return [eng.mark('private-key'), m.index + m[0].length];
  },
};

/** What stands before a key in `wallet import <hex>`, `solana-keygen recover <hex>`, `sk: <hex>`, `signer key <hex>`. */
const WALLET_VERB_BEFORE_RE =
  /(?:\b(?:wallet|keygen|keystore|account|signer)\b[\w -]{0,24}?\b(?:import|recover|restore|add)\b(?:[ \t]+--?[\w-]+)*|\bsk|\bsigner[ _-]?key|\bvalidator[ _-]?key)[ \t]*[:=]?[ \t]*["']?(?:0x)?$/i;
const VERB_LITS = ['import', 'recover', 'restore', 'signer', 'validator', 'sk:', 'sk=', 'sk ', 'add '];

export const WALLET_VERB_HEX_RULE: Rule = {
  needs: { lits: VERB_LITS, minLength: 64 },
  gate: (l) => l.length >= 64 && VERB_LITS.some((v) => l.includes(v)),
  // the hex first, then a look at what stands before it (a lookbehind tried at every position costs more)
  re: /(?<![0-9a-zA-Z])[0-9a-fA-F]{64}(?![0-9a-zA-Z])/g,
  handle: (eng, m, line) =>
    WALLET_VERB_BEFORE_RE.test(line.slice(Math.max(0, m.index - 96), m.index)) ? [eng.mark('private-key'), m.index + m[0].length] : null,
};

export const WALLET_FORM_RULES: Rule[] = [WIF_RULE, KEYSTORE_RULE, WALLET_VERB_HEX_RULE];
