import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every entry under `root` with its kind, mode and content (a link's target, not followed),
 * for "the workspace is byte for byte as it was" checks on the real filesystem.
 */
export function fingerprint(root: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const stats = lstatSync(full);
      const key = relative(root, full);
      const mode = (stats.mode & 0o7777).toString(8);
      if (stats.isSymbolicLink()) entries[key] = `link ${readlinkSync(full)}`;
      else if (stats.isDirectory()) {
        entries[key] = `dir ${mode}`;
        walk(full);
      } else entries[key] = `file ${mode} ${readFileSync(full).toString('base64')}`;
    }
  };
  walk(root);
  return entries;
}
