// Workspace-relative POSIX paths as Nx gives project roots (`.` is the workspace root), and
// the one answer to "which project holds this path".
import { posix } from 'node:path';

export function toPosix(value: string): string {
  return value.replace(/\\/g, '/');
}

/** `''`, `.` and `./x/` → `.` and `x`. */
export function normalizeRoot(root: string): string {
  const normalized = posix.normalize(toPosix(root || '.')).replace(/\/+$/, '');
  return normalized === '' ? '.' : normalized;
}

/** `file` relative to `root` when it is inside it (both workspace-relative), else undefined. */
export function relativeToRoot(file: string, root: string): string | undefined {
  if (root === '.') {
    return file;
  }
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : undefined;
}

function rootDepth(root: string): number {
  return root === '.' ? 0 : root.split('/').length;
}

/**
 * The project whose root holds `path` (the deepest root wins, so `libs/core/sub` beats
 * `libs/core`); undefined when none does. Roots are normalised with {@link normalizeRoot}.
 */
export function projectOwning<T extends { root: string }>(
  projects: readonly T[],
  path: string | undefined,
): T | undefined {
  if (path === undefined) return undefined;
  let best: T | undefined;
  for (const project of projects) {
    const root = normalizeRoot(project.root);
    const holds = root === path || relativeToRoot(path, root) !== undefined;
    if (holds && (best === undefined || rootDepth(root) > rootDepth(normalizeRoot(best.root))))
      best = project;
  }
  return best;
}
