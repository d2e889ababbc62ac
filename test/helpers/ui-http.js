// Shared by the operator UI tests: a raw HTTP request (fetch forbids setting Origin, Host
// and Sec-Fetch-* itself) and the cookie and CSRF token a response carries.
import { request } from 'node:http';

/**
 * @typedef {{ status: number, headers: Record<string, any>, text: string }} HttpReply
 */

/**
 * One request; a `form` is sent url-encoded (with its content type), a `body` as it is.
 * @param {string} base
 * @param {string} path
 * @param {{ method?: string, headers?: Record<string, string>, form?: Record<string, string>, body?: string }} [opts]
 * @returns {Promise<HttpReply>}
 */
export function http(base, path, { method = 'GET', headers = {}, form, body } = {}) {
  const data = form ? new URLSearchParams(form).toString() : body;
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      { method, headers: { ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers } },
      (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (d) => (text += d))
          .on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** The session cookie (name=value) a response sets, or '' when it sets none. @param {HttpReply} r */
export const cookieOf = (r) => (r.headers['set-cookie']?.[0] ?? '').split(';')[0];

/** The CSRF token a page's forms carry. @param {string} html */
export const csrfIn = (html) => /name="csrf" value="([^"]+)"/.exec(html)?.[1];
