/**
 * A key pasted into a chat turn that is logged as text, not as a JSON request body (whose
 * `messages` and `prompt` the keyed pass takes whole): `user> my key is …`, `>>> why does …
 * fail`, `[user]: please rotate …`, `<|user|>` / `<|im_start|>user` templates, `[INST] …`,
 * `Human: …`, `[prompt] …`. People paste a key without naming it, so a word that reads as
 * one (upper and lower case and a digit, drawn at random: not a model name such as
 * `Qwen2.5-7B-Instruct`, nor a request id) goes wherever it stands in the turn.
 */
import type { Rule } from './rules.js';
import { needsAnyLit } from './needs-test.js';
import { looksRandom } from './stand-ins.js';

const TURN_LITS = ['user>', '>>> ', '[user]', '[User]', '<|user|>', '<|im_start|>user', '[INST]', 'Human:', 'USER:', '[prompt]', 'Prompt:'];
/** Where a turn's text starts: after its role marker. */
const TURN_RE = /(?:\buser>|(?<![>\w])>>> |\[(?:user|User|prompt)\]:?|<\|user\|>|<\|im_start\|>user|\[INST\]|\bHuman:|\bUSER:|\bPrompt:)[^\n]*/g;
const WORD_RE = /(?<![\w/.:@-])[A-Za-z0-9][^\s"'`<>()[\]{},;]{8,254}[A-Za-z0-9](?![\w/@-])/g;

function pastedKey(w: string): boolean {
  return /[A-Z]/.test(w) && /[a-z]/.test(w) && /\d/.test(w) && !w.includes('://') && !w.includes('[REDACTED') && looksRandom(w);
}

export const CHAT_TURN_RULE: Rule = {
  ...needsAnyLit(TURN_LITS),
  re: TURN_RE,
  handle: (eng, m) => {
    let any = false;
    const out = m[0].replace(WORD_RE, (w) => {
      if (!pastedKey(w)) return w;
      any = true;
      return eng.mark('secret');
    });
    return [any ? out : m[0], m.index + m[0].length];
  },
};
