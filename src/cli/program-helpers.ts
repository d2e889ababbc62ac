import { Argument, InvalidArgumentError } from 'commander';
import type { CompletionSet } from './complete-ids.js';

/** A repeatable option that also accepts comma lists: --scope a --scope b,c */
export function collect(allowed?: readonly string[]) {
  return (value: string, previous: string[] | undefined): string[] => {
    const parts = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (allowed) {
      for (const p of parts) if (!allowed.includes(p)) throw new InvalidArgumentError(`Allowed choices are ${allowed.join(', ')}.`);
    }
    return [...(previous ?? []), ...parts];
  };
}

export function collectAny(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Where an argument's completions come from: this node's credential ids of one set. */
export const COMPLETE_IDS = Symbol.for('b3iq.completeIds');

/** An argument that takes credential ids; completions offer the ids of `set` from the records. */
export function idsArgument(spec: string, description: string, set: CompletionSet): Argument {
  const arg = new Argument(spec, description);
  (arg as unknown as Record<symbol, CompletionSet>)[COMPLETE_IDS] = set;
  return arg;
}
