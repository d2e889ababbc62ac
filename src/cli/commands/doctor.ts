import * as fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import { B3iqError, ExitCode, isB3iqError, type ExitCodeValue } from '../../core/errors.js';
import { surveyHome } from '../../home/inspect.js';
import { readNode } from '../../credentials/store.js';
import type { NodeStore as Store } from '../../owner/node-store.js';
import { CREDENTIALS_SCHEMA_VERSION } from '../../credentials/records.js';
import { scanHistory } from '../../scan/scanner.js';
import { collect } from '../program-helpers.js';
import { storeClassifier } from '../../scan/classify.js';
import { verifyAuditFile } from '../../home/audit.js';
import { checkIntegrity } from '../../credentials/integrity.js';
import { displayPath, shortTime } from '../render.js';
import { hintFor } from '../hints.js';
import { readEnrollmentSafe, WORKFLOWS } from '../../home/enrollment.js';
import { gatewayKeyStatus } from '../../keychain/gateway-key.js';
import { enrollmentAuditAgreement } from '../../enrollment/audit-check.js';
import { KIND_COMMANDS } from '../kind-commands.js';

/**
 * Health checks, each pass/warn/fail/skip with the fix. Exit 1 when any check fails
 * (warnings do not fail). `--production` adds the source document's pre-launch rotation
 * checklist: live development credentials fail it, and each class of off-box secret must
 * be confirmed rotated with --confirm-rotated (non-interactive, so CI can gate on it).
 */
export const ROTATION_ITEMS = {
  'node-secrets': 'node secrets',
  'deployer-keys': 'development deployer keys',
  'cloudflare-tokens': 'Cloudflare tokens',
  'signing-certificates': 'signing certificates',
  'router-secrets': 'router secrets',
  'protocol-treasuries': 'protocol treasury keys',
} as const;
export type RotationItem = keyof typeof ROTATION_ITEMS;
const ROTATION_IDS = Object.keys(ROTATION_ITEMS) as RotationItem[];

export const LONG_LIVED_MS = 90 * 86_400_000;

export interface DoctorOptions {
  production?: boolean;
  confirmRotated?: string[];
}

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';
export interface Check {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  fix: string | null;
}

export function configure(cmd: Command): Command {
  return cmd
    .option('--production', 'add the pre-launch checklist: live development credentials fail, off-box secrets must be confirmed rotated')
    .addOption(
      new Option('--confirm-rotated <items>', 'with --production: confirm these were rotated off-box (comma list, repeatable, or all)')
        .choices([...ROTATION_IDS, 'all'])
        .argParser(collect([...ROTATION_IDS, 'all'])),
    );
}

function errText(e: unknown): { message: string; hint: string | null } {
  if (isB3iqError(e)) return { message: e.message, hint: hintFor(e) ?? null };
  return { message: e instanceof Error ? e.message.split('\n')[0]! : String(e), hint: null };
}

type AddCheck = (id: string, title: string, status: CheckStatus, detail: string, fix?: string | null) => void;

async function enrollmentChecks(ctx: Context, production: boolean, add: AddCheck): Promise<void> {
  const { enrollment, problem } = readEnrollmentSafe(ctx.home);
  const joined = WORKFLOWS.filter((w) => enrollment[w]);
  const listing = joined.map((w) => `${w} (since ${shortTime(enrollment[w]!.since)})`).join(', ') || 'none';
  if (problem) {
    add(
      'enrollment',
      'enrollment record valid',
      'fail',
      `${problem.message} The node counts as enrolled in nothing.`,
      'move enrollment.json aside, then b3iq enroll join … again if it should be enrolled',
    );
  } else {
    add('enrollment', 'enrollment record valid', 'pass', `enrolled in: ${listing}`);
    const agree = enrollmentAuditAgreement(ctx.home, enrollment);
    const title = 'enrollment matches the audit log (every workflow joined by the owner)';
    if (agree.unaccounted.length > 0) {
      add(
        'enrollment-audit',
        title,
        'fail',
        `no audited join for: ${agree.unaccounted.map((u) => `${u.workflow} (since ${u.since})`).join(', ')}; the record was not written by b3iq enroll join`,
        `b3iq enroll leave ${agree.unaccounted.length > 1 ? '--all' : agree.unaccounted[0]!.workflow}, then join again if it should be enrolled`,
      );
    } else if (agree.unfinished.length > 0) {
      add(
        'enrollment-audit',
        title,
        'warn',
        `audited join that did not take effect (interrupted): ${agree.unfinished.map((u) => `${u.workflow} at ${u.time}`).join(', ')}`,
        'b3iq enroll join again if it should be enrolled',
      );
    } else add('enrollment-audit', title, 'pass', joined.length ? 'every enrolled workflow has its join' : 'nothing enrolled');
  }
  if (enrollment.network) {
    let present = false;
    try {
      const kc = await ctx.keychain();
      present = (await gatewayKeyStatus(kc)).present;
      kc.close();
    } catch {
      /* unreachable keychain: reported by the keychain check */
    }
    if (present) add('enrollment-gateway', 'network workflow has its hosted gateway key', 'pass', 'present');
    else
      add(
        'enrollment-gateway',
        'network workflow has its hosted gateway key',
        'fail',
        'enrolled in network, but no hosted gateway key is stored',
        'b3iq gateway login, or b3iq enroll leave network',
      );
  }
  if (production) add('enrolled', `workflows this node is enrolled in: ${listing}`, 'pass', listing);
}

function list(items: string[], max = 8): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** The records and the audit log anchor each other; every live credential has its issuance entry. */
function addIntegrityChecks(home: string, add: (id: string, title: string, status: CheckStatus, detail: string, fix?: string | null) => void): void {
  let report;
  try {
    report = checkIntegrity(home, Date.now());
  } catch (e) {
    add('anchors', 'records and audit log anchored to each other', 'fail', errText(e).message, 'restore the home from a backup: b3iq restore FILE');
    return;
  }
  const a = report.anchors;
  if (a.ok)
    add(
      'anchors',
      'records and audit log anchored to each other',
      a.pending ? 'warn' : 'pass',
      a.pending
        ? `the last change's ${a.pending} audit entr${a.pending === 1 ? 'y is' : 'ies are'} still to be appended (a writer was interrupted); the next change appends them`
        : 'consistent',
      a.pending ? 'any change appends them' : null,
    );
  else
    add(
      'anchors',
      'records and audit log anchored to each other',
      'fail',
      a.problem!,
      'restore the home from a backup (b3iq restore FILE) and find out who changed it',
    );
  const i = report.issuance;
  if (i.ok) add('issuance', 'every live credential has its issuance entry; every logged revocation holds', 'pass', `${i.checked} live credential(s) checked`);
  else
    add(
      'issuance',
      'every live credential has its issuance entry; every logged revocation holds',
      'fail',
      list(i.problems, 6),
      'revoke those credentials and find out who changed the records',
    );
}

export async function run(opts: DoctorOptions, ctx: Context): Promise<ExitCodeValue> {
  if (opts.confirmRotated && !opts.production) {
    throw new B3iqError('E_USAGE', '--confirm-rotated only applies with --production.', { hint: 'Run: b3iq doctor --production --confirm-rotated …' });
  }
  const checks: Check[] = [];
  const add = (id: string, title: string, status: CheckStatus, detail: string, fix: string | null = null) => checks.push({ id, title, status, detail, fix });
  const home = ctx.home;

  // 1. The home and the permissions of everything in it.
  let homeExists = false;
  try {
    homeExists = fs.lstatSync(home) !== undefined;
  } catch {
    /* missing */
  }
  if (!homeExists) {
    add('home', 'config directory exists', 'fail', `no b3iq config at ${home}`, 'b3iq init');
  } else {
    add('home', 'config directory exists', 'pass', home);
    const perms = surveyHome(home);
    if (perms.length === 0) add('permissions', 'permissions and ownership (0700 folders, 0600 files, yours)', 'pass', 'all private');
    else {
      add(
        'permissions',
        'permissions and ownership (0700 folders, 0600 files, yours)',
        'fail',
        perms.map((p) => `${p.path} ${p.problem}`).join('; '),
        perms.map((p) => p.fix).join(' && '),
      );
    }
  }

  // 2. Records readable and of this schema version.
  let store: Store | undefined;
  if (homeExists) {
    try {
      readNode(home);
      store = await ctx.store();
      add('records', 'records readable and of this schema version', 'pass', `node.json and credentials.json, schema version ${CREDENTIALS_SCHEMA_VERSION}`);
    } catch (e) {
      const t = errText(e);
      add('records', 'records readable and of this schema version', 'fail', t.message, t.hint);
    }
    const audit = verifyAuditFile(home);
    if (audit.ok) add('audit', 'audit log hash chain', 'pass', `${audit.entries} entries verified`);
    else add('audit', 'audit log hash chain', 'fail', `line ${audit.line}: ${audit.problem}`, 'investigate the change; b3iq audit shows the entries before it');
    addIntegrityChecks(home, add);
  } else {
    add('records', 'records readable and of this schema version', 'skip', 'no config directory');
  }

  // 3. The keychain.
  const mode = (ctx.env.B3IQ_KEYCHAIN ?? 'auto').toLowerCase();
  if (mode === 'off') add('keychain', 'keychain reachable', 'skip', 'B3IQ_KEYCHAIN=off');
  else {
    try {
      const kc = await ctx.keychain();
      if (kc.backend === 'file')
        add(
          'keychain',
          'keychain reachable',
          mode === 'on' ? 'fail' : 'warn',
          `no OS keychain; using the fallback: ${kc.describe()}`,
          'run inside a desktop session with a Secret Service, or accept the 0600 file fallback (B3IQ_KEYCHAIN=off silences this)',
        );
      else add('keychain', 'keychain reachable', 'pass', kc.describe());
      kc.close();
    } catch (e) {
      const t = errText(e);
      add(
        'keychain',
        'keychain reachable',
        mode === 'on' ? 'fail' : 'warn',
        `not reachable: ${t.message}`,
        mode === 'on'
          ? 'start a Secret Service (gnome-keyring) or set B3IQ_KEYCHAIN=auto'
          : 'keys saved with --save keychain and the gateway key need it; see b3iq status',
      );
    }
  }

  // 4. Credentials: the clock, the rules of each kind, expired but never revoked,
  // long-lived, support grants live now.
  if (store) {
    const clock = store.clockStatus();
    if (clock.failsClosed) {
      add(
        'clock',
        'system clock not behind the clock mark',
        'fail',
        `the clock is ${Math.round(clock.behindMs / 1000)}s behind the latest time this home saw (${clock.mark}); every expiring credential is refused until it catches up (E_CLOCK_BEHIND)`,
        'fix the system clock (NTP)',
      );
    } else add('clock', 'system clock not behind the clock mark', 'pass', clock.mark ? `mark ${clock.mark}` : 'no mark yet');
    const invalid = store.list({ all: true }).filter((c) => c.state === 'invalid');
    if (invalid.length === 0) add('invariants', "every record keeps its kind's rules", 'pass', 'all records');
    else {
      add(
        'invariants',
        "every record keeps its kind's rules",
        'fail',
        `${invalid.length} record(s) break them (never valid): ${list(invalid.map((c) => `${c.id} (${store!.recordProblem(c.id) ?? 'invalid'})`))}`,
        `revoke them (b3iq keys revoke ID / b3iq support revoke ID) and find out who changed the records`,
      );
    }
    const now = store.now();
    const all = store.list({ all: true });
    const stale = all.filter((c) => c.state === 'expired' && c.revokedAt === null && c.kind !== 'setup');
    if (stale.length === 0) add('expired', 'expired credentials still listed as unrevoked', 'pass', 'none');
    else {
      add(
        'expired',
        'expired credentials still listed as unrevoked',
        'warn',
        `${stale.length} expired (already refused): ${list(stale.map((c) => c.id))}`,
        `b3iq keys revoke ${
          stale
            .filter((c) => c.kind === 'local')
            .map((c) => c.id)
            .join(' ') || '…'
        } (keeps the records honest)`,
      );
    }
    const liveLocal = all.filter((c) => c.kind === 'local' && c.state === 'live');
    const overdue = liveLocal.filter((c) => now - Date.parse(c.createdAt) > LONG_LIVED_MS);
    const longLived = liveLocal.filter(
      (c) => !overdue.includes(c) && (c.expiresAt === null || Date.parse(c.expiresAt) - Date.parse(c.createdAt) > LONG_LIVED_MS),
    );
    if (overdue.length > 0) {
      add(
        'key-age',
        'local keys rotated within 90 days',
        'fail',
        `live for more than 90 days: ${list(overdue.map((c) => `${c.id} (since ${shortTime(c.createdAt)})`))}`,
        overdue.map((c) => `b3iq keys rotate ${c.id}`).join(' && '),
      );
    } else add('key-age', 'local keys rotated within 90 days', 'pass', `${liveLocal.length} live local key(s), none older than 90 days`);
    if (longLived.length > 0) {
      add(
        'key-expiry',
        'local keys expire within 90 days',
        'warn',
        `no expiry or more than 90 days: ${list(longLived.map((c) => c.id))}`,
        'issue keys with --expires 90d or less and rotate before they expire',
      );
    } else add('key-expiry', 'local keys expire within 90 days', 'pass', 'all live local keys expire within 90 days');
    const support = all.filter((c) => c.kind === 'support' && c.state === 'live');
    if (support.length === 0) add('support', 'support grants live right now', 'pass', 'none');
    else {
      add(
        'support',
        'support grants live right now',
        opts.production ? 'fail' : 'warn',
        `${support.length} live: ${list(support.map((c) => `${c.id} (until ${shortTime(c.expiresAt)})`))}`,
        'b3iq support revoke --all, once the support session is over',
      );
    }
  } else {
    const skipped = [
      ['expired', 'expired credentials still listed as unrevoked'],
      ['key-age', 'local keys rotated within 90 days'],
      ['key-expiry', 'local keys expire within 90 days'],
      ['support', 'support grants live right now'],
    ] as const;
    for (const [id, title] of skipped) add(id, title, 'skip', 'records not readable');
  }

  // 4b. The enrollment decision: a record that breaks its rules fails (the node counts as
  // enrolled in nothing); so does network without its gateway key.
  if (homeExists) await enrollmentChecks(ctx, opts.production === true, add);

  // 5. Tokens in shell history.
  const hist = scanHistory(ctx.env, { classify: storeClassifier(store) });
  // A token this node knows to be revoked/expired/used is dead; anything else may be live (gateway keys are not in the records).
  const risky = hist.findings.filter((f) => f.live || f.id === null);
  const dead = hist.findings.length - risky.length;
  if (hist.files.length === 0) add('history', 'no b3iq tokens in shell history', 'pass', 'no shell history files found');
  else if (risky.length === 0) {
    add(
      'history',
      'no b3iq tokens in shell history',
      dead > 0 ? 'warn' : 'pass',
      dead > 0 ? `${dead} dead token(s) (revoked or expired) still in history` : `${hist.files.length} history file(s) clean`,
      dead > 0 ? 'remove those lines from the history file' : null,
    );
  } else {
    add(
      'history',
      'no b3iq tokens in shell history',
      'fail',
      risky.map((f) => `${displayPath(ctx.io.cwd, f.file)}:${f.line} ${f.kind}${f.id ? ` ${f.id} (live)` : ''}`).join('; '),
      'b3iq scan --history --revoke, then delete those lines from the history file (and pass secrets with --…-file or B3IQ_…_FILE from now on)',
    );
  }

  // 6. The pre-launch checklist.
  if (opts.production) {
    if (store) {
      const dev = store.list({ all: false }).filter((c) => c.dev === true);
      if (dev.length === 0) add('dev-credentials', 'no live development (--dev) credentials', 'pass', 'none');
      else {
        add(
          'dev-credentials',
          'no live development (--dev) credentials',
          'fail',
          `${dev.length} live: ${list(dev.map((c) => `${c.id} (${c.kind})`))}`,
          dev.map((c) => `${KIND_COMMANDS[c.kind].revoke} ${c.id}`).join(' && '),
        );
      }
    } else add('dev-credentials', 'no live development (--dev) credentials', 'skip', 'records not readable');
    const confirmed = new Set<string>(opts.confirmRotated ?? []);
    for (const item of ROTATION_IDS) {
      const ok = confirmed.has(item) || confirmed.has('all');
      add(
        `rotated:${item}`,
        `${ROTATION_ITEMS[item]} used during MVP work rotated off-box`,
        ok ? 'pass' : 'fail',
        ok ? 'confirmed by the operator (--confirm-rotated)' : 'not confirmed',
        ok ? null : `rotate them, then: b3iq doctor --production --confirm-rotated ${item}`,
      );
    }
  }

  const failed = checks.filter((c) => c.status === 'fail');
  const doc = { ok: failed.length === 0, production: opts.production === true, checks };
  ctx.out.data(doc, () => {
    const mark: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };
    return checks
      .map((c) => {
        let s = `${mark[c.status]}  ${c.title}`;
        if (c.status !== 'pass') s += `\n      ${c.detail}`;
        if (c.fix && (c.status === 'fail' || c.status === 'warn')) s += `\n      fix: ${c.fix}`;
        return s;
      })
      .join('\n');
  });
  if (failed.length > 0) {
    ctx.out.warn(`${failed.length} check(s) failed: ${failed.map((c) => c.id).join(', ')}.`);
    return ExitCode.negative;
  }
  ctx.out.success(`All checks passed${checks.some((c) => c.status === 'warn') ? ' (with warnings)' : ''}.`);
  return ExitCode.ok;
}
