import kleur from 'kleur';
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

/** A plain table; widths from the content, colour only on the state column. */
export function credentialTable(rows: CredentialView[]): string {
  if (rows.length === 0) return '';
  const head = ['ID', 'NAME', 'SCOPES', 'STATE', 'CREATED', 'EXPIRES'];
  const body = rows.map((r) => [r.id, r.name ?? '-', r.scopes.join(','), r.state, shortTime(r.createdAt), shortTime(r.expiresAt)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[], colorState: boolean) =>
    cells
      .map((c, i) => {
        const padded = i === cells.length - 1 ? c : c.padEnd(widths[i]!);
        return colorState && i === 3 ? (STATE_COLOR[c.trim()] ?? ((s: string) => s))(padded) : padded;
      })
      .join('  ')
      .trimEnd();
  return [kleur.bold(line(head, false)), ...body.map((b) => line(b, true))].join('\n');
}

export function credentialDetail(r: CredentialView): string {
  const rows: Array<[string, string]> = [
    ['id', r.id],
    ['kind', r.kind],
    ['name', r.name ?? '-'],
    ['scopes', r.scopes.join(', ')],
    ['state', r.state],
    ['created', shortTime(r.createdAt)],
    ['expires', shortTime(r.expiresAt)],
    ['revoked', r.revokedAt === null ? '-' : shortTime(r.revokedAt)],
  ];
  if (r.dev) rows.push(['dev', 'yes (development credential)']);
  if (r.rotatedFrom) rows.push(['rotated from', r.rotatedFrom]);
  if (r.rotatedTo) rows.push(['rotated to', r.rotatedTo]);
  return rows.map(([k, v]) => `${k.padEnd(13)}${v}`).join('\n');
}

export function describeCredential(r: CredentialView): string {
  const what = r.kind === 'local' ? 'local key' : r.kind === 'support' ? 'support grant' : 'setup token';
  const exp = r.expiresAt === null ? 'no expiry' : `expires ${shortTime(r.expiresAt)}`;
  return `Issued ${what} ${r.id}${r.name && r.kind === 'local' ? ` (${r.name})` : ''}, scopes ${r.scopes.join(',')}, ${exp}`;
}
