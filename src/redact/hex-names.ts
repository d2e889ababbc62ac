/**
 * A 64-hex key under a name that says private key only by its abbreviation: `PK=…`,
 * `DEPLOYER_PK="0x…"`, `SIGNER_PK: …` (the keyed pass reads `pk` as no secret word, and
 * a bare 64-hex value alone is as likely a digest).
 */
import type { Rule } from './rules.js';
import { needsAnyLit } from './needs-test.js';

const PK_HEX_RE = /(?<=(?<![A-Za-z0-9])(?:[A-Z0-9]+_)*(?:PK|PRIVKEY|PRIV_KEY|SK)\\?["']?[ \t]*[:=][ \t]*\\?["']?)(?:0x)?[0-9a-fA-F]{64}(?![0-9a-fA-F])/g;

/** The name's end and its separator (`TASK`, `DISK` alone wake nothing). */
const PK_LITS = ['PK=', 'PK:', 'PK "', 'PK"', "PK'", 'PK\\', 'PK =', 'PK :', 'PRIVKEY', 'PRIV_KEY', 'SK=', 'SK:', 'SK"', 'SK\\'];

export const PK_HEX_RULE: Rule = {
  ...needsAnyLit(PK_LITS),
  re: PK_HEX_RE,
  handle: (eng, m) => [eng.mark('hex-secret'), m.index + m[0].length],
};

/** A key handed to a wallet library or `cast wallet`: `Account.from_key('…')`, `new ethers.Wallet("…")`, `cast wallet address …`. */
const WALLET_CALL_HEX_RE =
  /(?<=\b(?:from_key|fromPrivateKey|privateKeyToAccount|Wallet|PrivateKeySigner::from_str|LocalWallet::from_str|SigningKey)\([ \t]*(?:\\{0,3}["']|"")?|\bcast[ \t]+wallet[ \t]+(?:address|import|sign|decrypt-keystore)\b[^\n]{0,120}?[ \t=])(?:0x)?[0-9a-fA-F]{64}(?![0-9a-fA-F])/g;

const WALLET_LITS = ['from_key(', 'PrivateKey(', 'Wallet(', 'from_str(', 'SigningKey(', 'cast wallet', 'cast\twallet'];

export const WALLET_CALL_HEX_RULE: Rule = {
  ...needsAnyLit(WALLET_LITS),
  re: WALLET_CALL_HEX_RE,
  handle: (eng, m) => [eng.mark('hex-secret'), m.index + m[0].length],
};
