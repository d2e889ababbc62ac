/**
 * Provider token shapes the provider table does not list yet, each with a fixed prefix and a
 * fixed length: Docker Hub personal access tokens (`dckr_pat_` + 27), NVIDIA API keys
 * (`nvapi-` + 64), Figma personal access tokens (`figd_` + 40).
 */
import type { Rule } from './rules.js';
import { needsAnyLit } from './needs-test.js';

const EXTRA_RE = /(?<![A-Za-z0-9_-])(?:dckr_pat_[A-Za-z0-9_-]{27}|nvapi-[A-Za-z0-9_-]{64}|figd_[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])/g;
const LITS = ['dckr_pat_', 'nvapi-', 'figd_'];

export const PROVIDER_EXTRA_RULE: Rule = {
  ...needsAnyLit(LITS),
  re: EXTRA_RE,
  handle: (eng, m) => [eng.mark('api-key'), m.index + m[0].length],
};
