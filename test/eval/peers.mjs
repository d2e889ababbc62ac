// Scores the redactor against the peer scanners' own cases (test/fixtures/peers/**.json).
// Each case goes through the library's redact() on its own, the way `b3iq redact` treats one
// input: a fresh Pseudonymizer, a fixed home folder (so results do not depend on the machine).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const PEERS_DIR = join(HERE, '..', 'fixtures', 'peers');
export const DIST = join(HERE, '..', '..', 'dist', 'index.js');
/**
 * Class (c) false positives: strings a peer lists as false positives only because of its own
 * rule's narrow scope, though they are secret-shaped (a real-looking token with the wrong
 * length, the same hand-made shape the peer's own suite counts as a true positive, a password
 * chosen by a person). b3iq keeps redacting them; the eval reports the rate with and without.
 */
export const CLASS_C_FILE = join(HERE, 'fp-class-c.json');

export const caseId = (c) => `${c.source}\u0000${c.rule}\u0000${createHash('sha256').update(c.text).digest('hex').slice(0, 16)}`;

export function loadClassC(file = CLASS_C_FILE) {
  if (!existsSync(file)) return new Map();
  return new Map(JSON.parse(readFileSync(file, 'utf8')).map((e) => [`${e.source}\u0000${e.rule}\u0000${e.sha}`, e.why]));
}

const MARKER = /\[REDACTED:[a-z0-9-]+\]/g;
const PSEUDONYM = /\[[a-z][a-z-]*-(?:\d+|h[0-9a-f]+)\]/g;
const PEM_FRAME = /-----(?:BEGIN|END)[A-Z0-9 ]*-----/g;

/** All case records under the peers folder (every *.json file holds an array of cases). */
export function loadPeerCases(dir = PEERS_DIR) {
  const cases = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) cases.push(...JSON.parse(readFileSync(p, 'utf8')));
    }
  };
  walk(dir);
  return cases;
}

/**
 * True when any part of `secret` survives in `output`: the whole secret, or any 8-character
 * run of it that the input did not also carry outside the secret (a key name) and that is not
 * inside a marker or pseudonym we inserted. A leading URL scheme and PEM frames are public.
 */
export function leaks(secret, input, output) {
  const out = output.replace(MARKER, '\u0000').replace(PSEUDONYM, '\u0000');
  if (out.includes(secret)) return true;
  const context = input.split(secret).join('\u0000');
  // A URL scheme and a PEM frame are public: only the rest of the secret is looked for in runs.
  const core = secret.replace(PEM_FRAME, ' ').replace(/^[a-z][a-z0-9+.-]*:(?:[a-z0-9+.-]+:)?\/\//i, ' ');
  for (const run of core.split(/\s+/)) {
    for (let i = 0; i + 8 <= run.length; i++) {
      const w = run.slice(i, i + 8);
      if (out.includes(w) && !context.includes(w)) return true;
    }
  }
  return false;
}

export function hasMarker(output) {
  return /\[REDACTED:[a-z0-9-]+\]/.test(output);
}

export async function loadRedactor(dist = DIST) {
  if (!existsSync(dist)) throw new Error(`${dist} not found: run npm run build first`);
  const lib = await import(dist);
  return (text) =>
    lib.redact(text, {
      pseudonymizer: new lib.Pseudonymizer(),
      homeDir: '/home/eval-user',
      configHome: '/home/eval-user/.config/b3iq',
    }).text;
}

/** Runs every case; returns per-source and per-family tallies plus the misses. */
export function scorePeers(cases, redactText, classC = loadClassC()) {
  const sources = {};
  const misses = [];
  const bucket = (map, key) => (map[key] ??= { tp: 0, tpRedacted: 0, fp: 0, fpMarked: 0, fpClean: 0, fpCleanMarked: 0, fpC: 0, fpCMarked: 0, families: {} });
  for (const c of cases) {
    const out = redactText(c.text);
    const src = bucket(sources, c.source);
    const fam = bucket(src.families, c.family);
    for (const b of [src, fam]) b[c.kind]++;
    if (c.kind === 'tp') {
      const leaked = leaks(c.secret, c.text, out);
      if (c.form) {
        const f = ((src.forms ??= {})[c.form] ??= { tp: 0, tpRedacted: 0 });
        f.tp++;
        if (!leaked) f.tpRedacted++;
      }
      if (!leaked) {
        src.tpRedacted++;
        fam.tpRedacted++;
      } else misses.push({ ...c, output: out });
    } else {
      // "Clean" false positives: no other rule of the same peer matches them either.
      const clean = !c.alsoMatches;
      const whyC = classC.get(caseId(c));
      if (whyC !== undefined) {
        src.fpC++;
        fam.fpC++;
      }
      if (clean) {
        src.fpClean++;
        fam.fpClean++;
      }
      if (hasMarker(out)) {
        src.fpMarked++;
        fam.fpMarked++;
        if (whyC !== undefined) {
          src.fpCMarked++;
          fam.fpCMarked++;
        }
        if (clean) {
          src.fpCleanMarked++;
          fam.fpCleanMarked++;
        }
        misses.push({ ...c, output: out, ...(whyC !== undefined ? { classC: whyC } : {}) });
      }
    }
  }
  for (const s of Object.values(sources)) {
    for (const f of Object.values(s.families)) delete f.families;
  }
  return { sources, misses };
}

export const pct = (n, d) => (d === 0 ? null : Math.round((1000 * n) / d) / 10);
