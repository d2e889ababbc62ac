import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** Every value that reaches a page goes through this: text and attribute values alike. */
export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function nonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The headers of every UI response: a strict CSP (nothing but this page's own nonce'd style
 * and script, forms posting only to this origin, never framed), no Referer ever sent, no
 * MIME sniffing, no caching (pages show credentials' metadata and, once, a secret).
 */
export function securityHeaders(res: ServerResponse, n: string): void {
  res.setHeader(
    'Content-Security-Policy',
    `default-src 'none'; script-src 'nonce-${n}'; style-src 'nonce-${n}'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  );
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
}

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
header{background:#1b1f24;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1rem;align-items:center}
header h1{font-size:1rem;margin:0;flex:1}header a,header button{color:#fff}
main{max-width:70rem;margin:1rem auto;padding:0 1.2rem}
section{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:.8rem 1rem;margin:0 0 1rem}
h2{font-size:1.05rem;margin:.2rem 0 .6rem}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eceff2;vertical-align:top}
form.inline{display:inline}input,select,button{font:inherit;padding:.25rem .5rem}
label{display:block;margin:.4rem 0}.msg{padding:.6rem 1rem;border-radius:6px;margin:0 0 1rem}
.ok{background:#e6f4ea;border:1px solid #9bd3ae}.err{background:#fdecea;border:1px solid #f1aeb5}
.secret{font:14px ui-monospace,monospace;word-break:break-all;background:#fff8e1;border:1px solid #f0c36d;padding:.6rem;border-radius:4px}
[hidden]{display:none!important}.muted{color:#5b6470}.box{max-width:26rem;margin:3rem auto}code{font:13px ui-monospace,monospace}
`;

export interface PageInput {
  title: string;
  body: string;
  nonce: string;
  /** The signed-in header (sign-out link); absent on setup and login pages. */
  signedIn?: boolean;
  script?: string;
}

export function page(p: PageInput): string {
  const nav = p.signedIn ? `<a href="/">Overview</a><a href="/logout">Sign out</a>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${esc(p.title)} · b3iq operator</title>
<style nonce="${p.nonce}">${STYLE}</style></head>
<body><header><h1>b3iq operator · ${esc(p.title)}</h1>${nav}</header><main>
${p.body}
</main>${p.script ? `<script nonce="${p.nonce}">${p.script}</script>` : ''}</body></html>`;
}

export function message(kind: 'ok' | 'err', text: string): string {
  return `<p class="msg ${kind}" role="${kind === 'err' ? 'alert' : 'status'}">${esc(text)}</p>`;
}

/** A form posting to this origin, with the session's CSRF token when there is a session. */
export function form(action: string, csrf: string | undefined, inner: string, cls = ''): string {
  const token = csrf === undefined ? '' : `<input type="hidden" name="csrf" value="${esc(csrf)}">`;
  return `<form method="post" action="${esc(action)}"${cls ? ` class="${cls}"` : ''}>${token}${inner}</form>`;
}
