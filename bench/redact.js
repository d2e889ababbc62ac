// Goal 5: `b3iq redact` on a large log vs a `perl -pe` one-liner with a comparable pattern
// set, and peak RSS. BENCH_REDACT_MB sets the input size (default 200; the 1 GB figure in
// docs/performance.md was taken with BENCH_REDACT_MB=1024).
import { spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync, writeSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ROOT, BIN, tempDir, baseEnv, fmt } from './lib.js';

const MB = Number(process.env.BENCH_REDACT_MB ?? 200);

// The perl baseline: the same families of secrets and private data, one s///g each.
const PERL = [
  's/b3iq_(?:local|support|gateway|setup)_[0-9A-Za-z]{8,}/[REDACTED]/g',
  's/\\b(Bearer|Basic)[ \\t]+[A-Za-z0-9._~+\\/=-]{8,}/$1 [REDACTED]/gi',
  's/eyJ[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]*/[REDACTED]/g',
  's/\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b/[REDACTED]/g',
  's/\\bgh[pousr]_[A-Za-z0-9]{20,}/[REDACTED]/g',
  's/\\bxox[abposr]-[A-Za-z0-9-]{10,}/[REDACTED]/g',
  's/\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/[REDACTED]/g',
  's/\\bsk-[A-Za-z0-9_-]{20,}/[REDACTED]/g',
  's/\\bcf(?:ut|at|k)_[A-Za-z0-9_-]{30,}/[REDACTED]/g',
  's/([a-z][a-z0-9+.-]*:\\/\\/)[^\\s\\/:@]+:[^\\s\\/@]+@/$1[REDACTED]@/gi',
  's/\\b(password|passwd|secret|token|api[_-]?key)(["\']?\\s*[:=]\\s*["\']?)[^\\s"\',;]+/$1$2[REDACTED]/gi',
  's/\\b0x[0-9a-fA-F]{64}\\b/[REDACTED]/g',
  's/\\bsha256:[0-9a-f]{64}\\b/[REDACTED]/g',
  's/-----BEGIN [A-Z ]*PRIVATE KEY-----/[REDACTED]/g',
  's/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}/[EMAIL]/g',
  's/\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b/[IP]/g',
  's/\\/(?:home|Users|root)\\/[^\\s"\']+/[PATH]/g',
  's/\\b(?:localhost|127\\.0\\.0\\.1)(?::\\d+)?(?:\\/[^\\s"\']*)?/[LOCAL]/g',
].join('; ');

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const rnd = (n, alphabet = B62) => {
  const b = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[b[i] % alphabet.length];
  return s;
};

/** A runtime-like log: most lines benign, about one in four carrying something to redact. */
function logChunk(lines) {
  const out = [];
  const t0 = Date.parse('2026-11-29T00:00:00Z');
  for (let i = 0; i < lines; i++) {
    const ts = new Date(t0 + i * 37).toISOString();
    const req = rnd(12);
    const benign = `${ts} INFO  http req=${req} method=POST route=/v1/chat/completions status=200 dur=${i % 900}ms model=example-7b tokens_in=${i % 4000} tokens_out=${i % 700} cache=hit`;
    switch (i % 16) {
      case 0: out.push(`${ts} DEBUG auth header Authorization: Bearer b3iq_local_${rnd(49)} accepted for req=${req}`); break;
      case 1: out.push(`${ts} WARN  upstream https://svc:${rnd(16)}@10.${i % 250}.3.${i % 200}:8443/v1 retry=2 client=${rnd(6).toLowerCase()}@example.com`); break;
      case 2: out.push(`${ts} ERROR config load failed path=/home/operator/.config/b3iq/node.json password=${rnd(14)} api_key=${rnd(32)}`); break;
      case 3: out.push(`${ts} INFO  support session sg opened token=b3iq_support_${rnd(49)} from 192.168.${i % 250}.${i % 200} jwt=eyJ${rnd(20)}.eyJ${rnd(40)}.${rnd(43)}`); break;
      default: out.push(benign);
    }
  }
  return out.join('\n') + '\n';
}

function makeInput(file, mb) {
  const fd = openSync(file, 'w', 0o600);
  try {
    const chunks = Array.from({ length: 8 }, () => Buffer.from(logChunk(4000)));
    let written = 0;
    for (let i = 0; written < mb * 1024 * 1024; i++) written += writeSync(fd, chunks[i % chunks.length]);
  } finally {
    closeSync(fd);
  }
}

/** Runs a command under /usr/bin/time; returns wall ms and peak RSS (MB). */
function measure(cmd, args, env) {
  const devnull = openSync('/dev/null', 'w');
  try {
    const t = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', 'maxrss_kb=%M', cmd, ...args], { stdio: ['ignore', devnull, 'pipe'], env, encoding: 'utf8', maxBuffer: 1 << 24 });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0) throw new Error(`${cmd} exited ${r.status}: ${r.stderr.slice(-500)}`);
    const kb = Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1]);
    return { ms, rssMB: kb / 1024 };
  } finally {
    closeSync(devnull);
  }
}

export async function run() {
  if (!existsSync(join(ROOT, 'dist', 'redact', 'index.js'))) {
    return [{ goal: 'redaction throughput', value: 'skipped: the redaction engine (src/redact) is not built yet' }];
  }
  if (!existsSync('/usr/bin/time') || spawnSync('perl', ['-v']).status !== 0) {
    return [{ goal: 'redaction throughput', value: 'skipped: needs /usr/bin/time and perl for the baseline' }];
  }
  // Sanity: the engine really redacts this input (a no-op would be fast and meaningless).
  const { redact } = await import(join(ROOT, 'dist', 'index.js'));
  const sample = redact(logChunk(64)).text;
  if (/b3iq_(local|support)_[0-9A-Za-z]{20}|password=[A-Za-z0-9]{14}/.test(sample)) throw new Error('the engine left a secret in the bench input');
  const dir = tempDir('b3iq-bench-redact-');
  const input = join(dir, 'runtime.log');
  makeInput(input, MB);
  const size = statSync(input).size / (1024 * 1024);
  const help = spawnSync(process.execPath, [BIN, 'redact', '--help'], { encoding: 'utf8', env: baseEnv() });
  const viaCli = help.status === 0 && help.stdout.includes('Usage: b3iq redact');
  const library = () =>
    measure(process.execPath, ['--input-type=module', '-e', `
        import { createReadStream } from 'node:fs';
        import { pipeline } from 'node:stream/promises';
        const { createRedactStream } = await import(${JSON.stringify(join(ROOT, 'dist', 'index.js'))});
        await pipeline(createReadStream(${JSON.stringify(input)}, { highWaterMark: 1 << 16 }), createRedactStream(), process.stdout);`], baseEnv());
  const ours = viaCli ? measure(process.execPath, [BIN, 'redact', input], baseEnv(join(dir, 'home'))) : library();
  const lib = viaCli && MB <= 256 ? library() : undefined;
  const perl = measure('perl', ['-pe', PERL, input], { ...baseEnv(), LC_ALL: 'C' });
  const oursMBs = size / (ours.ms / 1000);
  const perlMBs = size / (perl.ms / 1000);
  return [
    {
      goal: `redaction throughput vs perl -pe (${fmt(size, 0)} MB, ${viaCli ? 'b3iq redact' : 'library stream; b3iq redact not registered yet'})`,
      value: `${fmt(oursMBs)} MB/s vs ${fmt(perlMBs)} MB/s`,
      ratio: oursMBs / perlMBs,
      target: '>= 1',
      pass: oursMBs >= perlMBs,
    },
    ...(lib ? [{ goal: 'redaction, library createRedactStream() on the same input', value: `${fmt(size / (lib.ms / 1000))} MB/s, peak RSS ${fmt(lib.rssMB, 0)} MB` }] : []),
    { goal: `redaction peak RSS (${fmt(size, 0)} MB input)`, value: `${fmt(ours.rssMB, 0)} MB (perl: ${fmt(perl.rssMB, 0)} MB)`, ratio: ours.rssMB / 150, target: '<= 1 (of 150 MB)', pass: ours.rssMB <= 150 },
  ];
}
