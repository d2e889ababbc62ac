/**
 * A rule whose only need is a regex: the same regex as its gate, so the gate passes exactly
 * where the prefilter may wake it (the prefilter's own tests hold every rule to that).
 */
import type { Needs } from './prefilter.js';

export function needsTest(test: RegExp): { needs: Needs; gate: (line: string) => boolean } {
  return { needs: { test }, gate: (line) => test.test(line) };
}
