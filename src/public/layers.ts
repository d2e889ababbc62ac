/**
 * Text wrapped so that no pattern sees it: a whole value in base64/base64url (also twice,
 * also gzip-compressed first: `H4sI…`), base32, percent-encoding, a `data:` URL, or a list
 * of character codes or single characters. Each layer is taken off once per string; the
 * walk judges what comes out as a string of its own, so layers inside layers are read too
 * (up to the walk's nesting bound). Decoding is bounded: a compressed value may not grow
 * past MAX_INFLATED, and only text comes out (bytes that are not printable UTF-8 are a
 * hash, a signature or an image, and are left to the blob rules).
 */
import { gunzipSync, inflateSync } from 'node:zlib';

export interface Layer {
  text: string;
  how: string;
}

/** A compressed value may inflate to this much; a zip bomb stops here. */
const MAX_INFLATED = 1024 * 1024;
/** Longer values are not unwrapped (a public payload is small; a blob this size is a blob). */
const MAX_WRAPPED = 4 * 1024 * 1024;

const BASE64_WHOLE_RE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;
const BASE32_WHOLE_RE = /^[A-Z2-7]{24,}={0,6}$/;
const PERCENT_RE = /%[0-9A-Fa-f]{2}/;
const DATA_URL_RE = /^\s*data:([^,]{0,200}),/i;
/** Text with nothing but printable characters, tabs and line breaks. */
const TEXT_RE = /^[^\x00-\x08\x0e-\x1f\x7f\ufffd]+$/;

const utf8 = new TextDecoder('utf-8', { fatal: true });
function asText(bytes: Uint8Array): string | null {
  if (bytes.length < 8) return null;
  try {
    const t = utf8.decode(bytes);
    return TEXT_RE.test(t) ? t : null;
  } catch {
    return null;
  }
}

/** gzip (1f 8b) or zlib (78 01/5e/9c/da) bytes, inflated within the bound. */
function inflated(bytes: Uint8Array): Uint8Array | null {
  try {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes, { maxOutputLength: MAX_INFLATED });
    if (bytes[0] === 0x78 && (bytes[1] === 0x01 || bytes[1] === 0x5e || bytes[1] === 0x9c || bytes[1] === 0xda)) {
      return inflateSync(bytes, { maxOutputLength: MAX_INFLATED });
    }
  } catch {
    return null; // not compressed after all, or past the bound
  }
  return null;
}

function fromBytes(bytes: Uint8Array, how: string): Layer | null {
  const inner = inflated(bytes);
  if (inner) {
    const text = asText(inner);
    return text === null ? null : { text, how: `compressed ${how}` };
  }
  const text = asText(bytes);
  return text === null ? null : { text, how };
}

function base32Bytes(s: string): Uint8Array {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const c of s.replace(/=+$/, '')) {
    acc = ((acc << 5) | A.indexOf(c)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

function percentDecoded(s: string): string | null {
  try {
    const t = decodeURIComponent(s.replace(/\+/g, ' '));
    return t !== s ? t : null;
  } catch {
    return null;
  }
}

/** The text one layer down, or null when the value is not wrapped (the common case: one or two tests). */
export function unwrapLayer(s: string): Layer | null {
  if (s.length < 16 || s.length > MAX_WRAPPED) return null;
  const data = DATA_URL_RE.exec(s);
  if (data) {
    const payload = s.slice(data[0].length).trim();
    if (/;base64$/i.test(data[1] as string)) return fromBytes(Buffer.from(payload, 'base64'), 'data: URL');
    const text = percentDecoded(payload) ?? payload;
    return text.length >= 8 ? { text, how: 'data: URL' } : null;
  }
  const t = s.trim();
  if (BASE32_WHOLE_RE.test(t) && !/^[A-F2-7]+$/.test(t)) {
    const layer = fromBytes(base32Bytes(t), 'base32');
    if (layer) return layer;
  }
  if (BASE64_WHOLE_RE.test(t) && !/^(?:0x)?[0-9a-fA-F]+$/.test(t))
    return fromBytes(Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64'), 'base64');
  if (PERCENT_RE.test(s)) {
    const text = percentDecoded(s);
    return text === null ? null : { text, how: 'percent-encoded' };
  }
  return null;
}

/**
 * A list of character codes (`[98,51,105,113,…]`) or of single characters (`["b","3",…]`)
 * as the text it spells, or null. 16+ elements; codes must all be printable ASCII.
 */
export function spelledText(a: readonly unknown[]): string | null {
  if (a.length < 16 || a.length > 65_536) return null;
  if (typeof a[0] === 'number') {
    let text = '';
    for (const x of a) {
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 32 || x > 126) return null;
      text += String.fromCharCode(x);
    }
    return text;
  }
  if (typeof a[0] === 'string') {
    for (const x of a) if (typeof x !== 'string' || x.length !== 1) return null;
    return (a as string[]).join('');
  }
  return null;
}
