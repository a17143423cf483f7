// Whether files can be written at workspace-relative paths, checked on the real filesystem
// before anything is written: every path must stay inside the workspace once symbolic links
// are resolved, every folder on the way must be a folder (or not exist yet), and the file
// itself a writable regular file (or not exist yet). Nx writes a generator's changes one by
// one after it returns, so a problem found only then leaves some files written.
import { accessSync, constants, lstatSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { toPosix } from './workspace-paths';

export interface WriteTarget {
  /** Workspace-relative POSIX path. */
  path: string;
  kind: 'write' | 'delete';
}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFile()) return 'a file';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Follows a symbolic link at `shown`: its real path when that is inside the workspace, else
 * a problem naming where it points.
 */
function followLink(
  realRoot: string,
  full: string,
  shown: string,
): { real: string } | { problem: string } {
  let real: string;
  try {
    real = realpathSync(full);
  } catch {
    let target = '?';
    try {
      target = readlinkSync(full);
    } catch {
      // Unreadable link: the message names it without its target.
    }
    return {
      problem: `${shown} is a symbolic link to ${target}, which does not exist. Remove the link or create its target inside the workspace.`,
    };
  }
  if (!inside(realRoot, real)) {
    return {
      problem: `${shown} is a symbolic link to ${real}, outside the workspace (${realRoot}): the generator writes only inside it. Replace the link with a real file or folder.`,
    };
  }
  return { real };
}

/** The problem with writing (or deleting) one path, or null when there is none. */
function problemWith(realRoot: string, target: WriteTarget): string | null {
  const shown = target.path;
  const parts = toPosix(target.path).split('/').filter(Boolean);
  if (isAbsolute(target.path) || parts.includes('..')) {
    return `${shown} is not a path inside the workspace.`;
  }
  // The real folder walked so far; the shown path is what the user sees.
  let current = realRoot;
  for (let i = 0; i < parts.length - 1; i++) {
    const shownDir = parts.slice(0, i + 1).join('/');
    const next = join(current, parts[i]);
    const stats = lstatOrNull(next);
    if (stats === null) {
      // Nx creates the rest; the deepest existing folder must let it.
      return writable(current) || target.kind === 'delete'
        ? null
        : `Cannot create ${shownDir} for ${shown}: ${toPosix(relative(realRoot, current)) || 'the workspace root'} is not writable.`;
    }
    if (stats.isSymbolicLink()) {
      const followed = followLink(realRoot, next, shownDir);
      if ('problem' in followed) return followed.problem;
      const real = lstatOrNull(followed.real);
      if (!real?.isDirectory()) {
        return `${shownDir} is a link to ${real ? kindOf(real) : 'nothing'} where the generator needs a folder (for ${shown}). Move it away, then run again.`;
      }
      current = followed.real;
      continue;
    }
    if (!stats.isDirectory()) {
      return `${shownDir} is ${kindOf(stats)} where the generator needs a folder (for ${shown}). Move or rename it, then run again.`;
    }
    current = next;
  }
  const full = join(current, parts[parts.length - 1]);
  const stats = lstatOrNull(full);
  if (stats === null) {
    return target.kind === 'delete' || writable(current)
      ? null
      : `Cannot create ${shown}: its folder is not writable.`;
  }
  let file = full;
  let fileStats = stats;
  if (stats.isSymbolicLink()) {
    const followed = followLink(realRoot, full, shown);
    if ('problem' in followed) return followed.problem;
    file = followed.real;
    fileStats = lstatSync(file);
  }
  if (target.kind === 'delete') return null;
  if (!fileStats.isFile()) {
    return `${shown} is ${kindOf(fileStats)} where the generator writes a file. Move or rename it, then run again.`;
  }
  if (!writable(file)) return `${shown} is not writable. Check its permissions.`;
  return null;
}

/**
 * Every problem with writing the targets under `workspaceRoot`, one sentence each; empty when
 * all can be written. Nothing is written here.
 */
export function writeProblems(workspaceRoot: string, targets: readonly WriteTarget[]): string[] {
  const realRoot = realpathSync(workspaceRoot);
  const problems: string[] = [];
  for (const target of targets) {
    const problem = problemWith(realRoot, target);
    if (problem !== null && !problems.includes(problem)) problems.push(problem);
  }
  return problems;
}
