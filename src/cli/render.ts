import * as path from 'node:path';
import kleur from 'kleur';
import { ExitCode, type ExitCodeValue } from '../core/errors.js';
import { credentialRunRe, KINDS } from '../core/credential-kinds.js';
import type { VerifyResult } from '../credentials/store.js';
import type { Context } from './context.js';
import type { CredentialView } from '../credentials/records.js';

const STATE_COLOR: Record<string, (s: string) => string> = {
  live: (s) => kleur.green(s),
  revoked: (s) => kleur.red(s),
  expired: (s) => kleur.yellow(s),
  used: (s) => kleur.dim(s),
};

export function shortTime(t: string | null): string {
  return t === null ? 'never' : t.replace(/\.\d{3}Z$/, 'Z');
}

/** What a row's NOTES column says: a rotation link, the grace deadline, the revoke reason. */
function notesOf(r: CredentialView): string {
  const parts: string[] = [];
  if (r.rotatedTo) parts.push(`rotated to ${r.rotatedTo}`);
  if (r.graceEndsAt) parts.push(`grace until ${shortTime(r.graceEndsAt)}`);
  if (r.rotatedFrom) parts.push(`rotated from ${r.rotatedFrom}`);
  if (r.parentId) parts.push(`child of ${r.parentId}`);
  if (r.state === 'revoked' && r.revokeReason && !r.rotatedTo) parts.push(`reason: ${r.revokeReason}`);
  if (r.savedCopy) parts.push('saved copy');
  return parts.join('; ');
}

/**
 * The one column renderer: widths from the content (head included), two spaces between
 * columns, the last column unpadded. `style` may colour a body cell after padding.
 */
export function table(
  rows: string[][],
  opts: { head?: string[]; headStyle?: (s: string) => string; style?: (cell: string, col: number, padded: string) => string } = {},
): string {
  const all = opts.head ? [opts.head, ...rows] : rows;
  if (all.length === 0) return '';
  const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (cells: string[], styled: boolean) =>
    cells
      .map((c, i) => {
        const padded = i === cells.length - 1 ? c : c.padEnd(widths[i]!);
        return styled && opts.style ? opts.style(c, i, padded) : padded;
      })
      .join('  ')
      .trimEnd();
  const out = rows.map((r) => line(r, true));
  if (opts.head) out.unshift((opts.headStyle ?? ((h: string) => h))(line(opts.head, false)));
  return out.join('\n');
}

/** Credentials as a table; colour only on the state column. */
export function credentialTable(rows: CredentialView[]): string {
  if (rows.length === 0) return '';
  const notes = rows.map(notesOf);
  const withNotes = notes.some((n) => n !== '');
  const body = rows.map((r, i) => [
    r.id,
    r.name ?? '-',
    r.scopes.join(','),
    r.graceEndsAt ? 'grace' : r.state,
    shortTime(r.createdAt),
    shortTime(r.expiresAt),
    ...(withNotes ? [notes[i]!] : []),
  ]);
  return table(body, {
    head: ['ID', 'NAME', 'SCOPES', 'STATE', 'CREATED', 'EXPIRES', ...(withNotes ? ['NOTES'] : [])],
    headStyle: (h) => kleur.bold(h),
    style: (c, i, padded) => (i === 3 ? (STATE_COLOR[c.trim()] ?? ((x: string) => x))(padded) : padded),
  });
}

export function credentialDetail(r: CredentialView, children: CredentialView[] = []): string {
  const state = r.graceEndsAt ? `live until ${shortTime(r.graceEndsAt)} (rotated; revoked when the grace ends)` : r.state;
  const rows: Array<[string, string]> = [
    ['id', r.id],
    ['kind', r.kind],
    ['name', r.name ?? '-'],
    ['scopes', r.scopes.join(', ')],
    ['state', state],
    ['created', shortTime(r.createdAt)],
    ['expires', shortTime(r.expiresAt)],
  ];
  if (r.graceEndsAt) rows.push(['grace ends', shortTime(r.graceEndsAt)]);
  else rows.push(['revoked', r.revokedAt === null ? '-' : shortTime(r.revokedAt)]);
  if (r.revokedAt !== null && r.revokeReason) rows.push(['revoke reason', r.revokeReason]);
  if (r.dev) rows.push(['dev', 'yes (development credential)']);
  if (r.rotatedFrom) rows.push(['rotated from', r.rotatedFrom]);
  if (r.rotatedTo) rows.push(['rotated to', r.rotatedTo]);
  if (r.parentId) rows.push(['parent', `${r.parentId} (a short-lived request-config credential)`]);
  if (r.savedCopy) rows.push(['saved copy', 'yes (keys create --save keychain; removed with the key, or by b3iq keys forget)']);
  const out = rows.map(([k, v]) => `${k.padEnd(14)}${v}`);
  if (children.length > 0) {
    out.push('children      short-lived request-config credentials:');
    for (const c of children) out.push(`  ${c.id}  ${c.state.padEnd(7)}  expires ${shortTime(c.expiresAt)}  ${c.scopes.join(',')}`);
  }
  return out.join('\n');
}

export function describeCredential(r: CredentialView): string {
  const what = KINDS[r.kind].noun;
  const exp = r.expiresAt === null ? 'no expiry' : `expires ${shortTime(r.expiresAt)}`;
  return `Issued ${what} ${r.id}${r.name && r.kind === 'local' ? ` (${r.name})` : ''}, scopes ${r.scopes.join(',')}, ${exp}`;
}

const CREDENTIAL_IN_NAME = credentialRunRe();

/** Relative to the cwd when inside it; a credential-shaped file name is never printed whole. */
export function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  return shown.replace(CREDENTIAL_IN_NAME, 'b3iq_$1_[REDACTED]');
}

/** A verification's answer: the result as data, exit 0 when valid, 1 when not. */
export function reportVerify(ctx: Context, r: VerifyResult): ExitCodeValue {
  ctx.out.data(r, () =>
    r.valid ? `valid ${r.id} (${r.scopes.join(',')})` : r.reason === 'scope' && r.missing ? `invalid: scope (missing ${r.missing})` : `invalid: ${r.reason}`,
  );
  return r.valid ? ExitCode.ok : ExitCode.negative;
}
