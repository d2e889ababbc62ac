import type { B3iqError, NextStep } from '../core/errors.js';

/**
 * The library's errors say what went wrong and, as a NextStep, what to do next; this one
 * table says it in the CLI's words, naming its commands and flags.
 */
const HINTS: Record<NextStep, (facts: Readonly<Record<string, string>>) => string> = {
  init: () => 'Run: b3iq init',
  'home-real-dir': () => 'Point --home or B3IQ_HOME at a real directory.',
  'home-own-dir': () => 'Use a config directory you own (--home or B3IQ_HOME).',
  'setup-token-new': () => 'Create a new one with: b3iq setup-token create',
  'setup-token-one': () => 'Create one with: b3iq setup-token create',
  'setup-token-create': () => 'Create a setup token with: b3iq setup-token create',
  'setup-token-as-issued': () => 'Pass the b3iq_setup_… token or the setup URL exactly as issued by b3iq setup-token create.',
  'list-keys': () => 'See: b3iq keys list --all',
  'list-support': () => 'See: b3iq support list --all',
  'list-setup': () => 'See: b3iq setup-token list --all',
  'create-key': () => 'Issue a new one with: b3iq keys create',
  'rotate-successor': (f) => `Rotate ${f.successor} instead, or revoke it: b3iq keys revoke ${f.successor}`,
  'name-example': () => 'Example: --name ci-runner',
  'support-ttl': () => 'Use --ttl 72h or less; grant again later if needed.',
  'setup-owner': () => 'Set one with a setup token: b3iq setup',
  'reset-owner': () => 'To reset it, create a setup token (b3iq setup-token create) and run: b3iq recover',
  'restore-owner': () => 'Restore it from a backup; or move it aside and run b3iq setup with a new setup token.',
  'recover-owner': () => 'Forgotten it? Reset it with a setup token: b3iq setup-token create, then b3iq recover',
  'passwd-again': () => 'Run b3iq owner passwd again.',
  'restore-force': () => 'Restore into a new or empty folder (--home), or replace this one with --force (it is moved aside, not deleted).',
  'restore-backup': () =>
    'Restore the whole home from a backup (b3iq restore FILE --force), or move the home aside to start over (its credentials are then lost).',
  'gateway-login': () => 'Store the hosted gateway key first: b3iq gateway login',
  'enroll-status': () => 'See: b3iq enroll status',
  'gateway-kinds': () => 'gateway login takes only b3iq_gateway_… keys; local keys and support tokens stay with b3iq keys / b3iq support.',
};

/** The second line the CLI prints under an error, if any. */
export function hintFor(err: B3iqError): string | undefined {
  if (err.hint !== undefined) return err.hint;
  return err.next === undefined ? undefined : HINTS[err.next](err.facts ?? {});
}
