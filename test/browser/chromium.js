// Finds Debian's Chromium (never downloads a browser) and launches it headless through
// playwright-core. Missing: a skip with the install line, or a failure under CI.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

export const CHROMIUM = process.env.B3IQ_CHROMIUM ?? '/usr/bin/chromium';
export const INSTALL_LINE = 'apt-get install -y chromium   (Debian; the suite uses the system browser, it never downloads one)';
export const ARTIFACTS = join(ROOT, 'test', 'browser', 'artifacts');

/** undefined when the browser is there; else the reason to skip (or fail, under CI). */
export function missingBrowser() {
  if (existsSync(CHROMIUM)) return undefined;
  return `no Chromium at ${CHROMIUM}: ${INSTALL_LINE}`;
}

/**
 * Headless Chromium with the flags a CI box needs and nothing phoning home. playwright-core
 * gives every launch a fresh, temporary user-data-dir of its own (removed on close).
 */
export async function launch() {
  const { chromium } = await import('playwright-core');
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function shot(page, name) {
  return page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
