// Shared by the adversary suites: the owner password they set, and how they read errors
// and look for secrets in what an attacker can read.
import assert from 'node:assert/strict';

export const PW = 'correct horse battery staple 77';
/** The `E_…` code of a `--json` run's error document. */
export const errCode = (r) => JSON.parse(r.stderr).error.code;
/** A b3iq token without its `b3iq_<kind>_` prefix. */
export const bodyOf = (t) => t.replace(/^b3iq_[a-z]+_/, '');

/** Fails naming the secret and where it was found (its first characters only). */
export function assertNoneIn(blob, needles, where) {
  for (const [name, v] of Object.entries(needles)) {
    const i = blob.indexOf(v);
    assert.equal(i, -1, `${where}: ${name} (${v.slice(0, 8)}…) found near ${JSON.stringify(blob.slice(Math.max(0, i - 40), i))}`);
  }
}
