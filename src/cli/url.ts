import { B3iqError } from '../core/errors.js';

/**
 * The one check of a URL given with --url: absolute, http or https, no spaces or control
 * characters, no embedded user:password. `base` (a setup URL's base) also refuses a query
 * or fragment, since the token goes in the fragment.
 */
export function checkHttpUrl(raw: string, opts: { example: string; base?: boolean }): URL {
  if (/[\u0000-\u001f\u007f\s]/.test(raw)) throw new B3iqError('E_USAGE', '--url must not contain spaces or control characters.');
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new B3iqError('E_USAGE', `--url must be an absolute http(s) URL, e.g. ${opts.example}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new B3iqError('E_USAGE', '--url must be an http or https URL.');
  if (u.username !== '' || u.password !== '') {
    throw new B3iqError('E_USAGE', '--url carries embedded credentials (user:password@); refusing it.', { hint: 'Remove them.' });
  }
  if (opts.base && (u.hash || u.search)) {
    throw new B3iqError('E_USAGE', '--url must not have a query or fragment; the token goes in the fragment.', { hint: `Give the base, e.g. ${opts.example}` });
  }
  return u;
}

/** Plain http to a host other than this machine: what it carries crosses the network in clear. */
export function plainHttpOffMachine(u: URL): boolean {
  return u.protocol === 'http:' && !(u.hostname === 'localhost' || u.hostname === '[::1]' || /^127\./.test(u.hostname));
}
