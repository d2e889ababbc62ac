// The scanner engine: line numbers, look-alikes, history file discovery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanBuffer, historyFiles } from '../../dist/scan/scanner.js';
import { generateToken } from '../../dist/core/tokens.js';

test('line numbers are exact, several tokens per line, CRLF and no trailing newline', () => {
  const a = generateToken('local');
  const b = generateToken('setup');
  const text = `one\r\ntwo ${a} ${b}\r\n\r\n\nlast:${a}`;
  const out = [];
  scanBuffer(Buffer.from(text), 'f', (tok, kind) => ({ id: tok === a ? 'lk_x' : null, live: kind === 'local' }), out);
  assert.deepEqual(
    out.map((f) => [f.line, f.kind, f.id, f.live]),
    [
      [2, 'local', 'lk_x', true],
      [2, 'setup', null, false],
      [5, 'local', 'lk_x', true],
    ],
  );
});

test('look-alikes are not findings: bad checksum, too long, too short, unknown kind', () => {
  const t = generateToken('support');
  const flipped = t.slice(0, 20) + (t[20] === 'A' ? 'B' : 'A') + t.slice(21);
  const text = [flipped, t + 'x', t.slice(0, -1), t.replace('support', 'remote')].join('\n');
  const out = [];
  scanBuffer(Buffer.from(text), 'f', undefined, out);
  assert.deepEqual(out, []);
});

test('a token inside other text still counts (quotes, =, URL fragment); classify sees only real tokens', () => {
  const t = generateToken('setup');
  const seen = [];
  const out = [];
  scanBuffer(
    Buffer.from(`x="${t}"\nhttps://n/setup#token=${t}&y\n`),
    'f',
    (tok) => {
      seen.push(tok);
      return { id: null, live: false };
    },
    out,
  );
  assert.equal(out.length, 2);
  assert.deepEqual(seen, [t, t]);
  assert.ok(!JSON.stringify(out).includes(t), 'findings never carry the token');
});

test('history files: HISTFILE, bash, zsh and fish under HOME, deduplicated, only existing ones', () => {
  const home = mkdtempSync(join(tmpdir(), 'b3iq-hist-'));
  try {
    mkdirSync(join(home, '.local/share/fish'), { recursive: true });
    for (const f of ['.bash_history', '.zsh_history', '.local/share/fish/fish_history', 'custom_hist']) writeFileSync(join(home, f), 'x\n');
    const files = historyFiles({ HOME: home, HISTFILE: join(home, 'custom_hist') });
    assert.deepEqual(files, [join(home, 'custom_hist'), join(home, '.bash_history'), join(home, '.zsh_history'), join(home, '.local/share/fish/fish_history')]);
    assert.deepEqual(historyFiles({ HOME: home, HISTFILE: join(home, '.bash_history') }).length, 3);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
