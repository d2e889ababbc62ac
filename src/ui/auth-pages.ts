import { esc, form, message, page } from './html.js';

/**
 * The setup page's one script: the token arrives in the URL's fragment (`#token=…`, or the
 * bare `#b3iq_setup_…`), which
 * the browser never sends to a server (no request log, no Referer sees it). The script
 * moves it into the form, then removes the fragment from the address bar and history.
 */
export const SETUP_SCRIPT = `(function(){
var f=document.getElementById('token');var h=location.hash.slice(1);
var m=/(?:^|&)token=([^&]*)/.exec(h)||/^(b3iq_setup_[0-9A-Za-z]+)$/.exec(h);
if(m&&f){f.value=decodeURIComponent(m[1]);document.getElementById('token-row').hidden=true;
document.getElementById('token-note').hidden=false;history.replaceState(null,'',location.pathname);}
var p=document.getElementById('password'),q=document.getElementById('password2');
function same(){q.setCustomValidity(p.value===q.value?'':'The two passwords differ.');}
p.addEventListener('input',same);q.addEventListener('input',same);
})();`;

export function setupPage(nonce: string, error?: string): string {
  const body = `<div class="box"><section>
<h2>Set the owner password</h2>
${error ? message('err', error) : ''}
<p class="muted">This page sets the owner password of this node from a one-time setup token (or resets it: every signed-in session is then signed out).</p>
${form(
  '/setup',
  undefined,
  `<p id="token-note" class="muted" hidden>The setup token from the link is filled in.</p>
<label id="token-row">Setup token or setup URL<br><input id="token" name="token" type="password" autocomplete="off" required size="40"></label>
<label>New owner password (12 characters or more)<br><input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required></label>
<label>The same password again<br><input id="password2" name="password2" type="password" autocomplete="new-password" minlength="12" required></label>
<button type="submit">Set the password and sign in</button>`,
)}
</section></div>`;
  return page({ title: 'Setup', body, nonce, script: SETUP_SCRIPT });
}

export function loginPage(nonce: string, note?: { kind: 'ok' | 'err'; text: string }): string {
  const body = `<div class="box"><section>
<h2>Sign in</h2>
${note ? message(note.kind, note.text) : ''}
${form(
  '/login',
  undefined,
  `<label>Owner password<br><input id="password" name="password" type="password" autocomplete="current-password" required autofocus></label>
<button type="submit">Sign in</button>`,
)}
<p class="muted">Forgotten it? Reset it with a setup token issued on the node.</p>
</section></div>`;
  return page({ title: 'Sign in', body, nonce });
}

export function logoutPage(nonce: string, csrf: string): string {
  const body = `<div class="box"><section><h2>Sign out</h2>
${form('/logout', csrf, '<button type="submit" id="signout">Sign out of this browser</button>')}
</section></div>`;
  return page({ title: 'Sign out', body, nonce, signedIn: true });
}

/** The one-time display of a new secret; the page is never cached and cannot be shown again. */
export function secretPage(nonce: string, what: string, id: string, secret: string): string {
  const body = `<section><h2>${esc(what)} ${esc(id)}</h2>
<p>Copy it now: it is shown <strong>once</strong>. Only its hash is kept; reloading this page will not show it again.</p>
<p class="secret" id="secret">${esc(secret)}</p>
<p><a href="/">Back to the overview</a></p></section>`;
  return page({ title: 'New secret', body, nonce, signedIn: true });
}

export function goneSecretPage(nonce: string): string {
  const body = `<section><h2>Already shown</h2>${message('err', 'This secret was shown once and is gone: only its hash is kept. Rotate or issue a new one if it was not saved.')}<p><a href="/">Back to the overview</a></p></section>`;
  return page({ title: 'Already shown', body, nonce, signedIn: true });
}

export function errorPage(nonce: string, title: string, text: string, signedIn = false): string {
  return page({ title, body: `<section><h2>${esc(title)}</h2>${message('err', text)}<p><a href="/">Back</a></p></section>`, nonce, signedIn });
}
