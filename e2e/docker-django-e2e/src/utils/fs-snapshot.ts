import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.nx', '.git', '__pycache__', 'dist', 'tmp']);

/**
 * Every file under `root` (relative path -> content), for "wrote nothing" and "changed nothing"
 * checks without git. Skips installed packages and Nx's caches, which nx may touch on any run.
 */
export function snapshotFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        files[relative(root, full)] = entry.isFile() ? readFileSync(full, 'utf-8') : '<symlink>';
      }
    }
  };
  walk(root);
  return files;
}
