// What the continued conformance passes share: the environment every run gets (no keychain),
// the owner password they set, and two assertions over the in-process harness's runs.
import assert from 'node:assert/strict';
import { run } from '../harness/index.js';

export const env = { B3IQ_KEYCHAIN: 'off' };
export const PW = 'lantern orchid basalt 91';

/** The one JSON error document on stderr, nothing on stdout; returns its `error`. */
export function jsonError(r, label) {
  assert.equal(r.stdout, '', `${label}: nothing on stdout`);
  const doc = JSON.parse(r.stderr);
  assert.match(doc.error.code, /^E_[A-Z_]+$/, label);
  return doc.error;
}

/** The harness's run() that asserts the exit code (homeWithOwner's driver). */
export async function ok(args, opts = {}, expected = 0) {
  const r = await run(args, { ...opts, env: { ...env, ...opts.env } });
  assert.equal(r.code, expected, `${args.join(' ')}: ${r.stderr}`);
  return r;
}
