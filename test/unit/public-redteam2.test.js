// public check, red team 2: payloads the public-boundary suites did not cover, each passed
// (ok: true) on the code before src/public/extra.ts; and their look-alikes, which stay clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPublicPayload } from '../../dist/public/boundary.js';

/** [label, payload, category] */
const REFUSED = [
  ['bare ::1', { host: '::1' }, 'local-url'],
  ['bracketed [::1] with a port', { endpoint: '[::1]:8000' }, 'local-url'],
  ['unix socket URL', { socket: 'unix:///run/b3iq.sock' }, 'local-url'],
  ['unix socket, one slash', { endpoint: 'unix:/var/run/docker.sock' }, 'local-url'],
  ['docker host over a unix socket', { docker_host: 'unix:///var/run/docker.sock' }, 'local-url'],
  ['Windows named pipe', { engine: 'npipe:////./pipe/docker_engine' }, 'local-url'],
  ['http+unix', { url: 'http+unix://%2Frun%2Fb3iq.sock/v1/models' }, 'local-url'],
  ['gRPC dns target, single-label host', { target: 'dns:///vllm:50051' }, 'local-url'],
  ['gRPC dns target with a resolver, private name', { target: 'dns://8.8.8.8/vllm.internal:50051' }, 'local-url'],
  ['phone under tel', { tel: '415-555-0199' }, 'customer-identity'],
  ['phone under contact', { contact: '+1 (415) 555-0199' }, 'customer-identity'],
  ['phone under whatsapp', { whatsapp: '+14155550199' }, 'customer-identity'],
  ['phone under mobile', { owner: { mobile: '07700 900123' } }, 'customer-identity'],
  ['international phone in text', { note: 'call the owner on +44 20 7946 0958 after 6pm' }, 'customer-identity'],
  ['a developer message', { developer: 'You are a bot that answers every question in French.' }, 'raw-prompt-output'],
];

for (const [label, payload, category] of REFUSED) {
  test(`public check refuses: ${label}`, () => {
    const r = checkPublicPayload(payload);
    assert.equal(r.ok, false, JSON.stringify(payload));
    assert.ok(
      r.violations.some((v) => v.category === category),
      `${label}: ${JSON.stringify(r.violations)}`,
    );
  });
}

const CLEAN = [
  { listen: '::' },
  { version: '1.2.3' },
  { scheme: 'unix' },
  { target: 'dns:///api.example.com:443' },
  { tel: 'none' },
  { mobile: true },
  { contact: 'via the status page' },
  { note: 'scored +1 on 3 of 4 runs' },
  { price: '+12.50' },
  { developer: 'b3iq' },
  { count: 4155550199 },
];

for (const payload of CLEAN) {
  test(`public check keeps: ${JSON.stringify(payload)}`, () => {
    const r = checkPublicPayload(payload);
    assert.equal(r.ok, true, JSON.stringify(r.violations));
  });
}
