import { InvalidArgumentError } from 'commander';

/** A repeatable option that also accepts comma lists: --scope a --scope b,c */
export function collect(allowed?: readonly string[]) {
  return (value: string, previous: string[] | undefined): string[] => {
    const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
    if (allowed) {
      for (const p of parts) if (!allowed.includes(p)) throw new InvalidArgumentError(`Allowed choices are ${allowed.join(', ')}.`);
    }
    return [...(previous ?? []), ...parts];
  };
}

export function collectAny(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
