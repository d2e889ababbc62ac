/**
 * Test strings in a provider's clothes: values that start with a provider's prefix but were
 * written by hand and fit none of that provider's token forms. Both halves are needed, as in
 * GitLab's case (stand-ins.ts): a random body of a wrong length is still a token's material (cut
 * short, mistyped), and a hand-made body of the right length is what the peers' suites list
 * as the token.
 */
import { PREFIX_RE, tokenCategory } from './providers.js';
import { isHandMadeToken } from './stand-ins.js';

const STICKY_PREFIX_RE = new RegExp(PREFIX_RE.source, 'y');
const MASK_RUN_RE = /(.)\1{3}/;
const DISTINCTIVE_PREFIX_RE = /^(?:.{4,}|.{2,}[_.~-])$/;

/**
 * `xoxp-1234567890`, `dapi123456789012345678a9bc01234defg5`: a provider's prefix, then a
 * body a person typed (a digit or alphabet run of 8+, a repeated unit, filler words:
 * isHandMadeToken), and no token form of that prefix fits the whole value. A provider issues
 * random bodies, so a hand-made one is an example; no person chooses a value with a provider's
 * prefix as a password, so this judges the look of keyed values too.
 */
/**
 * The length of the provider prefix the value starts with, or -1. A short prefix (`ey`, `SK`,
 * `pat`, `AP6`) starts a person's value by chance: only a distinctive one (`xoxp-`, `dapi`,
 * `hf_`) says the value is meant as that provider's token.
 */
export function distinctivePrefixLength(value: string): number {
  STICKY_PREFIX_RE.lastIndex = 0;
  const m = STICKY_PREFIX_RE.exec(value);
  return m !== null && DISTINCTIVE_PREFIX_RE.test(m[0]) ? m[0].length : -1;
}

export function isMadeUpProviderToken(value: string): boolean {
  const p = distinctivePrefixLength(value);
  if (p < 0) return false;
  const body = value.slice(p);
  return body.length >= 8 && isHandMadeBody(body) && tokenCategory(value) === null;
}

/**
 * A body a person typed (isHandMadeToken). A run of one character is a mask, maybe over part of
 * a real token (`hf_xxxx…QJPYADbNZNW`): the filler rules judge those (values.ts), not this one.
 */
export function isHandMadeBody(body: string): boolean {
  return !MASK_RUN_RE.test(body) && isHandMadeToken(body);
}
