/**
 * Long runs that are a file's name, not a blob: `https://cdn5.cdn-telegram.org/file/uGoDMy0V…-34tw.jpg`
 * (a CDN's content id, 340 characters of base64url). A base64 encoder never writes `.jpg` after
 * its output; a media file's extension right after the run says the run is the file's name.
 */

/** The extensions of image, video and audio files, then the end of the name. */
const MEDIA_EXTENSION_RE = /^\.(?:jpe?g|png|gif|webp|avif|heic|bmp|ico|svg|tiff?|mp4|m4v|mov|webm|mkv|avi|mp3|m4a|aac|ogg|oga|opus|wav|flac)(?![A-Za-z0-9_-])/i;

/** The folders before the name, when the run took them in: short lowercase words or numbers (`org/file/`). */
const FOLDERS_RE = /^\/?(?:(?:[a-z][a-z0-9_-]{0,15}|\d{1,10})\/)*$/;

/**
 * Whether a base64-looking run, followed in its line by `after`, is a media file's name: the
 * extension follows at once, the run's part before its last `/` is plain folders, and the name
 * holds neither `+` nor `=` (base64's own characters, never in a content id's URL-safe name). A
 * blob of standard base64 (a key, a certificate) has `/` and `+` all through: it stays a blob.
 */
export function namesAMediaFile(run: string, after: string): boolean {
  if (!MEDIA_EXTENSION_RE.test(after)) return false;
  const cut = run.lastIndexOf('/') + 1;
  return FOLDERS_RE.test(run.slice(0, cut)) && !/[+=]/.test(run.slice(cut));
}
