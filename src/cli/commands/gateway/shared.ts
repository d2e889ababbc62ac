import type { Context } from '../../context.js';
import { withLock } from '../../../credentials/store.js';
import { appendAudit, type AuditEvent } from '../../../home/audit.js';
import { homeFile } from '../../../home/paths.js';

/** The hosted gateway key's keychain entry: never in credentials.json. */
export const GATEWAY_ACCOUNT = 'gateway-key';

export async function auditGateway(ctx: Context, now: number, event: AuditEvent): Promise<void> {
  await withLock(ctx.home, () => appendAudit(homeFile(ctx.home, 'audit'), [event], now));
}
