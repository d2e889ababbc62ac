/**
 * Credentials a provider issues (a person never picks them), named by their key, and the
 * longest form each kind comes in. A value under such a key that is longer than any credential
 * of that kind AND was made by hand (isHandMadeToken: a repeated unit, an alphabet run, filler
 * words) is a test string: `secret_access_key=1234567890abcdef…abcdefextra`. Both halves are
 * needed: a random value that runs long is still key material (two glued, one with a suffix),
 * and a hand-made value of a real length is what the peers' suites list as the key. Passwords
 * are never judged here (a person's choice), nor any key that does not name one of these kinds.
 * The same holds the other way for access keys: a hand-made value shorter than any of them
 * (fallsShortOfIssuedForm).
 */
import { keyWords } from './patterns.js';
import { isHandMadeToken } from './stand-ins.js';

/** S3-style HMAC secret keys: 40 (AWS, Google Cloud HMAC), 43 (DigitalOcean Spaces), 44 (Oracle); hex 48 (IBM COS), 64 (Cloudflare R2). */
function longestSecretAccessKey(value: string): number {
  return /^[0-9a-fA-F]+$/.test(value) ? 64 : 44;
}

/** IBM Cloud IAM API keys: 44 characters. */
const IBM_IAM_KEY_LENGTH = 44;

/** The longest credential the key names, or 0 when it names none of these kinds. */
function longestIssued(key: string, value: string): number {
  const w = keyWords(key);
  const last = w[w.length - 1] ?? '';
  if (last !== 'key' && last !== 'apikey') return 0;
  const at = w.indexOf('secret');
  // IBM Cloud Object Storage's HMAC keys are S3-style (`ibm_cos_secret_key`), not IAM API keys
  if ((at >= 0 && w[at + 1] === 'access') || w.includes('cos') || w.includes('hmac')) return longestSecretAccessKey(value);
  if (w.some((x) => x === 'ibm' || x === 'iam' || x.startsWith('ibmcloud'))) return IBM_IAM_KEY_LENGTH;
  return 0;
}

export function outrunsIssuedForm(key: string, value: string): boolean {
  const longest = longestIssued(key, value);
  return longest > 0 && value.length > longest && isHandMadeToken(value);
}

/**
 * The shortest access key a provider issues: 16 characters (AWS's floor for an access key id;
 * Alibaba's ids are 16 or 24, Sumo Logic's access keys 64, Scaleway's 20).
 */
const SHORTEST_ACCESS_KEY = 16;

/**
 * `SUMO_ACCESS_KEY: AbCeFG123`: under a key that names an access key (`access_key`,
 * `accessKey`), a value shorter than any access key a provider issues AND made by hand
 * (isHandMadeToken: runs typed in order, filler words) is a test string. Both halves again: a
 * random short value is a key cut short, a hand-made one of a real length is what the peers
 * list as the key. A key that also says `secret` (`aws_secret_key`, MinIO's `secret_key`) may
 * hold a person's chosen password and is never judged by its look.
 */
export function fallsShortOfIssuedForm(key: string, value: string): boolean {
  const w = keyWords(key);
  const last = w[w.length - 1] ?? '';
  const namesAccessKey = last === 'accesskey' || (last === 'key' && w[w.length - 2] === 'access');
  if (!namesAccessKey || w.includes('secret')) return false;
  return value.length < SHORTEST_ACCESS_KEY && isHandMadeToken(value);
}
