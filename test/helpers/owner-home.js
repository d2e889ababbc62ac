// Shared by the owner, setup and enrollment tests: a 0600 secret file, and a home whose
// owner password is set through the real `setup-token create` + `setup` commands.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './cli.js';

/** Writes `content` to a new 0600 file in a fresh temporary folder; returns its path. */
export function secretFile(content, name = 'f') {
  const file = join(tempDir(), name);
  writeFileSync(file, content, { mode: 0o600 });
  return file;
}

/**
 * An initialised home with an owner whose password is `password`, made through `driver`
 * (the in-process harness or the spawning helper, whichever the test file runs on).
 * @param {{ ok: (args: string[], opts?: any, expected?: number) => Promise<any>, initHome: (t: any) => Promise<string> }} driver
 * @param {any} t @param {string} password
 */
export async function homeWithOwner(driver, t, password) {
  const home = await driver.initHome(t);
  const token = JSON.parse((await driver.ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  await driver.ok(['setup'], { home, env: { B3IQ_OWNER_PASSWORD: password }, input: token });
  return home;
}
