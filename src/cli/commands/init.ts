import type { Command } from 'commander';
import type { Context } from '../context.js';
import { initHome } from '../../credentials/store.js';

export type InitOptions = Record<string, never>;

export function configure(cmd: Command): Command {
  return cmd;
}

export async function run(_opts: InitOptions, ctx: Context): Promise<void> {
  const r = await initHome(ctx.home, ctx.clock, ctx.random);
  ctx.out.data(r, () => undefined);
  ctx.out.success(r.created ? `Initialised ${r.home} (node ${r.nodeId}).` : `Already initialised: ${r.home} (node ${r.nodeId}).`);
}
