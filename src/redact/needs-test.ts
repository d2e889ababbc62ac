/**
 * A rule whose only need is a regex: the same regex as its gate, so the gate passes exactly
 * where the prefilter may wake it (the prefilter's own tests hold every rule to that).
 */
import type { Needs } from './prefilter.js';

export function needsTest(test: RegExp): { needs: Needs; gate: (line: string) => boolean } {
  return { needs: { test }, gate: (line) => test.test(line) };
}

/**
 * A rule whose gate is a regex but whose needs are literals the scanner finds in its one
 * pass (the regex is then run only on the lines holding one, not swept over every batch):
 * `lits` must be a superset, every line the gate passes holds one of them (the prefilter's
 * tests check it over a corpus).
 */
export function needsLits(lits: readonly string[], test: RegExp, caseless?: RegExp): { needs: Needs; gate: (line: string) => boolean } {
  return { needs: caseless === undefined ? { lits } : { lits, test: caseless }, gate: (line) => test.test(line) };
}

/** A rule woken by any of its literals: the gate passes exactly on the lines holding one. */
export function needsAnyLit(lits: readonly string[]): { needs: Needs; gate: (line: string) => boolean } {
  return { needs: { lits }, gate: (line) => lits.some((x) => line.includes(x)) };
}
