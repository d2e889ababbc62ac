/**
 * Key names for secrets that hold no password/secret/token/key word: a hash salt or pepper,
 * an HMAC or signing secret, libpq's `PGPASS`, an AES or cipher key written `AES=`, a licence
 * key, a bot's or webhook's secret, a seed (`SALT=…`, `export HMAC="…"`, `"PEPPER": "…"`).
 * The value must read as a credential, so `SEED=42`, `LICENSE=MIT` and `BOT=true` stay, and a
 * licence's name is no licence key (`license: apache-2.0`, `cc-by-nc-4.0`, `llama3.1`).
 */
import { readsAsCredential } from './prose-secrets.js';
import { keyWords } from './key-names.js';
import type { Rule } from './rules.js';
import { needsTest } from './needs-test.js';

const WORDS = new Set(['salt', 'pepper', 'hmac', 'signing', 'pgpass', 'aes', 'license', 'licence', 'webhook', 'bot', 'crypt', 'cipher', 'seed', 'nonce']);
const NAME_RE = /(?<![\w$./@:-])["']?([A-Za-z_][\w.-]{0,60})\\?["']?[ \t]*(?:=|:(?!:)|:=)[ \t]*(\\?["'])?([^\s"'\\,;@]{8,512})(?![^\s"'\\,;]*@)/g;

/**
 * A licence's name as SPDX and model cards write it: a licence family, then only words and
 * version numbers (`apache-2.0`, `gpl-3.0-or-later`, `cc-by-nc-sa-4.0`, `bigscience-bloom-rail-1.0`).
 * A licence key mixes letters and digits in its parts (`mit-8f3k2j9x` is one), so it stays.
 */
const LICENCE_NAME_RE =
  /^(?:apache|mit|0?bsd|[al]?gpl|mpl|epl|cc0?|isc|unlicense|wtfpl|zlib|artistic|bsl|boost|llama\d*(?:\.\d+)?|gemma|openrail|creativeml|bigscience|bigcode|afl|osl|eupl|cddl|postgresql|psf|python|ofl|unicode|other|proprietary|commercial)(?:[-.+](?:\d+(?:\.\d+)*|[a-z]+))*$/i;

export function isLicenceName(value: string): boolean {
  return value.length <= 48 && LICENCE_NAME_RE.test(value);
}

export const SECRET_NAME_RULE: Rule = {
  ...needsTest(/salt|pepper|hmac|signing|pgpass|aes|licen[cs]e|webhook|bot|crypt|cipher|seed|nonce/i),
  re: NAME_RE,
  handle: (eng, m) => {
    const v = m[3] as string;
    // (`bot110201543:AAH…` is a bot's id and token, not a key named bot: no long number in a name)
    if (
      v.startsWith('[REDACTED') ||
      /\d{4}/.test(m[1] as string) ||
      !keyWords(m[1] as string).some((w) => WORDS.has(w)) ||
      !readsAsCredential(v) ||
      isLicenceName(v)
    )
      return null;
    const start = m.index + m[0].length - v.length;
    return [eng.mark('secret'), start + v.length, start];
  },
};
