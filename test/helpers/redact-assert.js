// The two halves every false-positive class and guard test asserts: a kept text comes out
// unchanged, and a real secret leaves no 8 characters of itself behind and gets a marker.
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';

const r = (text) => redact(text).text;

/** Fails unless `text` comes out of the redactor exactly as it went in. */
export function kept(text) {
  assert.equal(r(text), text);
}

/** Fails with the output when any 8 characters of the secret survive, or nothing was marked. */
export function redacted(text, secret) {
  const out = r(text);
  for (let i = 0; i + 8 <= secret.length; i++) assert.ok(!out.includes(secret.slice(i, i + 8)), `leaked ${secret}: ${out}`);
  assert.match(out, /\[REDACTED:[a-z0-9-]+\]/, out);
}
