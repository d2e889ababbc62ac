// Inputs and baselines for the redaction section: the perl one-liners, the loghub ×10
// fixture (or our own generated logs), a secret-dense log and a runtime-like log.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ROOT } from './lib.js';

/**
 * The honest baseline: the cheapest one-liner an operator would write, twelve `s///g`:
 * key=value tokens, bearer/basic headers, JWTs, AWS, GitHub, Slack, Stripe, private IPv4,
 * prompt/output JSON fields, e-mail, home paths, 0x-hex. Run as `perl -pe "$PERL12" FILE`
 * with LC_ALL=C.
 */
export const PERL12 = [
  's/(token|secret|password|api_key)=[^\\s&]+/$1=[REDACTED]/g',
  's/\\b(Bearer|Basic) [A-Za-z0-9._~+\\/=-]+/$1 [REDACTED]/g',
  's/\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+/[JWT]/g',
  's/\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b/[AWS]/g',
  's/\\bgh[pousr]_[A-Za-z0-9]{36,}/[GITHUB]/g',
  's/\\bxox[abposr]-[A-Za-z0-9-]+/[SLACK]/g',
  's/\\b[sr]k_(?:live|test)_[A-Za-z0-9]+/[STRIPE]/g',
  's/\\b(?:10\\.\\d{1,3}|192\\.168|172\\.(?:1[6-9]|2\\d|3[01]))\\.\\d{1,3}\\.\\d{1,3}\\b/[IP]/g',
  's/"(prompt|output)"\\s*:\\s*"(?:[^"\\\\]|\\\\.)*"/"$1":"[REDACTED]"/g',
  's/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\\.[A-Za-z0-9.-]+/[EMAIL]/g',
  's/\\/(home|Users)\\/[^\\/\\s]+/\\/$1\\/[USER]/g',
  's/\\b0x[0-9a-fA-F]{16,}\\b/[HEX]/g',
].join('; ');

/** The heavier 18-pattern baseline of the first round, kept for comparison. */
export const PERL18 = [
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
const HEX = '0123456789abcdef';
export const rnd = (n, alphabet = B62) => {
  const b = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[b[i] % alphabet.length];
  return s;
};

/** Writes `chunks` round-robin into `file` until it holds `mb` MiB. */
function fill(file, chunks, mb) {
  const fd = openSync(file, 'w', 0o600);
  try {
    let written = 0;
    for (let i = 0; written < mb * 1024 * 1024; i++) written += writeSync(fd, chunks[i % chunks.length]);
  } finally {
    closeSync(fd);
  }
}

/** A runtime-like log: most lines benign, about one in four carrying something to redact. */
export function runtimeChunk(lines) {
  const out = [];
  const t0 = Date.parse('2026-11-29T00:00:00Z');
  for (let i = 0; i < lines; i++) {
    const ts = new Date(t0 + i * 37).toISOString();
    const req = rnd(12);
    switch (i % 16) {
      case 0:
        out.push(`${ts} DEBUG auth header Authorization: Bearer b3iq_local_${rnd(49)} accepted for req=${req}`);
        break;
      case 1:
        out.push(`${ts} WARN  upstream https://svc:${rnd(16)}@10.${i % 250}.3.${i % 200}:8443/v1 retry=2 client=${rnd(6).toLowerCase()}@example.com`);
        break;
      case 2:
        out.push(`${ts} ERROR config load failed path=/home/operator/.config/b3iq/node.json password=${rnd(14)} api_key=${rnd(32)}`);
        break;
      case 3:
        out.push(
          `${ts} INFO  support session sg opened token=b3iq_support_${rnd(49)} from 192.168.${i % 250}.${i % 200} jwt=eyJ${rnd(20)}.eyJ${rnd(40)}.${rnd(43)}`,
        );
        break;
      default:
        out.push(
          `${ts} INFO  http req=${req} method=POST route=/v1/chat/completions status=200 dur=${i % 900}ms model=example-7b tokens_in=${i % 4000} tokens_out=${i % 700} cache=hit`,
        );
    }
  }
  return out.join('\n') + '\n';
}

/** A secret-dense log: every line carries at least one secret, of the twelve families. */
export function denseChunk(lines) {
  const out = [];
  const t0 = Date.parse('2026-11-29T00:00:00Z');
  for (let i = 0; i < lines; i++) {
    const ts = new Date(t0 + i * 11).toISOString();
    const pre = `${ts} node-${i % 7} gateway[${1000 + (i % 900)}]:`;
    switch (i % 12) {
      case 0:
        out.push(`${pre} auth ok Authorization: Bearer b3iq_local_${rnd(49)} route=/v1/chat`);
        break;
      case 1:
        out.push(`${pre} upstream refused Authorization: Basic ${Buffer.from(`svc:${rnd(18)}`).toString('base64')}`);
        break;
      case 2:
        out.push(`${pre} session jwt=eyJhbGciOiJIUzI1NiJ9.eyJ${rnd(60)}.${rnd(43)}`);
        break;
      case 3:
        out.push(`${pre} s3 sync with AKIA${rnd(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')} failed`);
        break;
      case 4:
        out.push(`${pre} git fetch with ghp_${rnd(36)} ok`);
        break;
      case 5:
        out.push(`${pre} notify slack xoxb-${rnd(11, '0123456789')}-${rnd(12, '0123456789')}-${rnd(24)}`);
        break;
      case 6:
        out.push(`${pre} billing key sk_live_${rnd(24)} loaded`);
        break;
      case 7:
        out.push(`${pre} config password=${rnd(16)} api_key=${rnd(32)}`);
        break;
      case 8:
        out.push(`${pre} {"prompt":"summarise the contract for ${rnd(8)}","output":"The contract ${rnd(20)}"}`);
        break;
      case 9:
        out.push(`${pre} mail to ${rnd(8).toLowerCase()}@example.com from 10.${i % 250}.4.${i % 200}`);
        break;
      case 10:
        out.push(`${pre} model cache /home/${rnd(6).toLowerCase()}/.cache/models token=${rnd(40)}`);
        break;
      default:
        out.push(`${pre} signer 0x${rnd(64, HEX)} tx 0x${rnd(40, HEX)} from 192.168.${i % 250}.${i % 200}`);
    }
  }
  return out.join('\n') + '\n';
}

export function makeRuntimeLog(file, mb) {
  fill(
    file,
    Array.from({ length: 8 }, () => Buffer.from(runtimeChunk(4000))),
    mb,
  );
}

export function makeDenseLog(file, mb) {
  fill(
    file,
    Array.from({ length: 8 }, () => Buffer.from(denseChunk(4000))),
    mb,
  );
}

/**
 * The real-logs fixture: the sixteen loghub `*_2k.log` samples from B3IQ_LOGHUB_DIR,
 * concatenated ten times (44.6 MB). They are research-only and never committed; without
 * them, the project's own generated realistic logs are concatenated to about the same size.
 */
export async function makeRealLogs(file) {
  const dir = process.env.B3IQ_LOGHUB_DIR;
  const names =
    dir && existsSync(dir)
      ? readdirSync(dir)
          .filter((n) => n.endsWith('_2k.log'))
          .sort()
      : [];
  if (names.length > 0) {
    const parts = names.map((n) => readFileSync(join(dir, n)));
    const fd = openSync(file, 'w', 0o600);
    try {
      for (let i = 0; i < 10; i++) for (const p of parts) writeSync(fd, p);
    } finally {
      closeSync(fd);
    }
    return `loghub ×10 (${names.length} *_2k.log files)`;
  }
  const { generateLogs } = await import(join(ROOT, 'test', 'eval', 'gen-logs.mjs'));
  const logs = Object.values(generateLogs()).map((t) => Buffer.from(t));
  fill(file, logs, 44.6);
  return 'generated realistic logs (B3IQ_LOGHUB_DIR not set: loghub samples not used)';
}
