import * as os from 'node:os';
import * as fs from 'node:fs';
import { FILES } from '../home/paths.js';
import * as path from 'node:path';
import type { Store } from '../credentials/store.js';

/** System facts for support: no user name, the hostname only as its pseudonym. */
export function systemFacts(hostPseudonym: string, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const cpus = os.cpus();
  let tz: string | undefined;
  try {
    tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    tz = undefined;
  }
  return {
    schemaVersion: 1,
    os: { platform: process.platform, type: os.type(), release: os.release(), arch: process.arch, version: safeCall(() => os.version()) },
    node: { version: process.version, openssl: process.versions.openssl ?? null },
    cpu: { model: cpus[0]?.model.trim() ?? null, count: cpus.length, loadavg: os.loadavg().map((n) => Math.round(n * 100) / 100) },
    memory: { totalBytes: os.totalmem(), freeBytes: os.freemem() },
    uptimeSeconds: Math.round(os.uptime()),
    hostname: hostPseudonym,
    timezone: tz ?? null,
    // Names only, never values: which B3IQ_* variables were set. B3IQ_KEYCHAIN is a mode word, kept.
    environment: {
      b3iqVariablesSet: Object.keys(env)
        .filter((k) => k.startsWith('B3IQ_'))
        .sort(),
      B3IQ_KEYCHAIN: env.B3IQ_KEYCHAIN !== undefined && /^(auto|on|off)$/.test(env.B3IQ_KEYCHAIN) ? env.B3IQ_KEYCHAIN : null,
    },
  };
}

function safeCall<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

/**
 * The config home as a summary: counts by kind and state, ids, names and scopes. Never a
 * token or a hash: built only from store.list()/counts(), which carry neither. A home that
 * cannot be opened is reported (its error code), not fatal: bundles diagnose broken installs.
 */
export async function homeSummary(home: string, openStore: () => Promise<Store>): Promise<Record<string, unknown>> {
  const files: Record<string, boolean> = {};
  for (const [k, f] of Object.entries(FILES)) {
    try {
      fs.lstatSync(path.join(home, f));
      files[k] = true;
    } catch {
      files[k] = false;
    }
  }
  const doc: Record<string, unknown> = { schemaVersion: 1, home, exists: fs.existsSync(home), files };
  try {
    const store = await openStore();
    doc.initialised = true;
    doc.counts = store.counts();
    doc.enrollment = store.enrollment();
    doc.credentials = store.list({ all: true }).map((c) => ({
      id: c.id,
      kind: c.kind,
      name: c.name,
      scopes: c.scopes,
      state: c.state,
      createdAt: c.createdAt,
      expiresAt: c.expiresAt,
      revokedAt: c.revokedAt,
      dev: c.dev === true,
    }));
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : 'error';
    doc.initialised = code !== 'E_NOT_INITIALISED' && code !== 'E_NOT_FOUND' ? null : false;
    doc.storeError = code;
  }
  try {
    const { surveyPermissions } = await import('../home/inspect.js');
    doc.permissionFindings = doc.exists ? surveyPermissions(home).map((f) => `${f.path} ${f.problem}`) : [];
  } catch {
    doc.permissionFindings = null;
  }
  return doc;
}
