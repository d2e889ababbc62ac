/**
 * Lists of one-time codes: `"recovery_codes": ["abcd-efgh", …]`, `backup_codes = [...]`, a
 * YAML list under `recovery_codes:`. Each code unlocks the account on its own, so the whole
 * list is secret, on one line or pretty-printed over many (the keyed pass and the YAML section
 * state treat such a key like a container of secrets). A count or a flag under a longer name
 * (`recovery_codes_remaining`, `backup_codes_enabled`) is not a list.
 */

/** The key's letters and digits end in `<kind>codes` (or scratch/emergency keys). */
const CODE_LIST_RE = /(?:recovery|backup|otp|mfa|2fa|twofactor|totp|unlock|onetime|scratch|emergency)(?:codes|keys)$/;

export function isCodeListKey(key: string): boolean {
  return CODE_LIST_RE.test(key.replace(/[^A-Za-z0-9]/g, '').toLowerCase());
}
