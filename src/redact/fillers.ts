/**
 * Filler written where a value would stand: `****`, `XXXXXXXXXXXX`, `…_xxxxxxxx…`, a provider's
 * prefix on a mask (`hf_xxxx…`, `pnu_XXXX…`, `glc_1111…`). Judged for values under a sensitive key
 * (values.ts).
 */
import { PREFIX_RE, outrunsTokenForm } from './providers.js';

/**
 * Filler, not a secret: no letter or digit at all (`****`, `...`, `#####`), or one filler character
 * (`x`, `X`) making up most of the value (`XXXXXXXXXXXX`, `…_xxxxxxxx…`). A random
 * secret of 8+ characters never repeats one character that often.
 */
/** The characters documentation fills a fake token with. */
const FILLER_CHARS = 'xX';
const PREFIXED_FILLER_CHARS = 'X01';

export function isFiller(value: string): boolean {
  // Words apart: `Zq000000000000 wwww…` is a value followed by filler, not filler (fuzz suite).
  if (/\s/.test(value.trim())) return value.trim().split(/\s+/).every(isFillerWord);
  return isFillerWord(value);
}

function isFillerWord(value: string): boolean {
  // counts by char code (ASCII letters and digits only); the top is the first to reach the highest count
  const counts = FILLER_COUNTS;
  let alnum = 0;
  let top = 0;
  let topCode = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) continue;
    alnum++;
    const n = ++counts[c]!;
    if (n > top) {
      top = n;
      topCode = c;
    }
  }
  if (alnum > 0) counts.fill(0);
  if (alnum === 0) return value.length > 0;
  if (alnum < 8 || top / alnum < 0.6) return false;
  // eight or more other characters are content, not filler: `Zq000000000000…wwww…` (fuzz suite)
  if (alnum - top >= 8) return false;
  // one character all through (`aaaa…aaaa`): no generator makes that
  if (!startsWithTokenPrefix(value) && alnum >= 16 && top / alnum >= 0.9) return true;
  // After a provider's prefix, `XXXX`, `0000`, `1111` are filler. Lowercase `x` filler of 12+
  // after the prefix (`hf_xxxx…`, `fo1_xxxx…`, `pplx-xxxx…`) is a mask as the token rule judges
  // it (a body of a few filler characters): it shows nothing of a token, whatever its length.
  // A short one (`AP6xxxxxxxxxx`, `npm_xxxxxxxxxxx`) is what a peer lists as a token: marked,
  // unless it runs on past every token of that prefix (no token's written form).
  const prefix = tokenPrefixLength(value);
  if (prefix < 0) return FILLER_CHARS.includes(topCharOf(topCode));
  return PREFIXED_FILLER_CHARS.includes(topCharOf(topCode)) || (topCode === 120 && (value.length - prefix >= 12 || outrunsTokenForm(value)));
}
const FILLER_COUNTS = new Int32Array(128);
const topCharOf = (code: number): string => String.fromCharCode(code);

/** Artifactory's key and encrypted-password prefixes (`AKC…`, `AP6…`), too short for the token scan's list. */
const ARTIFACTORY_PREFIX_RE = /^(?:AKC|AP[0-9A-F])/;

const STICKY_PREFIX_RE = new RegExp(PREFIX_RE.source, 'y');

function startsWithTokenPrefix(value: string): boolean {
  return tokenPrefixLength(value) >= 0;
}

/** The length of the provider prefix the value starts with, or -1. */
function tokenPrefixLength(value: string): number {
  STICKY_PREFIX_RE.lastIndex = 0;
  const m = STICKY_PREFIX_RE.exec(value) ?? ARTIFACTORY_PREFIX_RE.exec(value);
  return m === null ? -1 : m[0].length;
}
