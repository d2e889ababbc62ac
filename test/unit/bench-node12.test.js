// bench/node12.js must do exactly what the perl one-liner does (it is the bench's floor:
// the baseline's own work in V8): the same output on logs with every pattern in them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PERL12, runtimeChunk, denseChunk } from '../../bench/redact-inputs.js';

const hasPerl = spawnSync('perl', ['-v']).status === 0;

test('bench/node12.js writes what perl -pe "$PERL12" writes', { skip: !hasPerl && 'needs perl (apt-get install perl)' }, () => {
  const file = join(mkdtempSync(join(tmpdir(), 'b3iq-node12-')), 'in.log');
  const extra = [
    'token=abc&secret=x password=hunter2 api_key=K',
    'Authorization: Bearer abc.def-ghi Basic dXNlcjpwdw==',
    'jwt eyJhbGciOi.eyJzdWIiOi.sig_nature AKIAABCDEFGHIJKLMNOP ghp_' + 'a'.repeat(36),
    'xoxb-123-abc sk_live_abc123 10.1.2.3 192.168.0.1 172.20.1.1 172.15.1.1',
    '{"prompt": "say \\"hi\\"", "output":"ok"} ann@example.com /home/ann/x /Users/bob 0x0123456789abcdef',
  ].join('\n');
  writeFileSync(file, `${runtimeChunk(40)}${denseChunk(40)}${extra}\nno newline at the end`);
  const perl = spawnSync('perl', ['-pe', PERL12, file], { env: { ...process.env, LC_ALL: 'C' }, encoding: 'latin1' });
  const node = spawnSync(process.execPath, [join(import.meta.dirname, '../../bench/node12.js'), file], { encoding: 'latin1' });
  assert.equal(perl.status, 0);
  assert.equal(node.status, 0, node.stderr);
  assert.ok(perl.stdout.includes('[IP]') && perl.stdout.includes('[EMAIL]'));
  assert.equal(node.stdout, perl.stdout);
});
