import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/**
 * Read-only view of a workspace. Detection runs both inside generators (through the
 * Nx `Tree`, see nx/tree-file-source.ts, so `--dry-run` and not-yet-flushed writes are
 * honoured) and inside the inference plugin (on the real disk), so it never touches `fs`
 * directly. This folder has no Nx import.
 *
 * Paths are workspace-relative POSIX paths; `''` is the workspace root.
 */
export interface FileSource {
  isFile(path: string): boolean;
  isDirectory(path: string): boolean;
  /** The file's text, or null when it is missing or not a file. */
  read(path: string): string | null;
  /** Names (not paths) of the files and folders in `dir`; [] when it is missing. */
  children(dir: string): string[];
}

/**
 * Joins workspace-relative POSIX path segments. Empty segments are ignored and the
 * root is `''` (never `'.'`), so `joinPath('', 'manage.py')` is `'manage.py'`.
 */
export function joinPath(...segments: string[]): string {
  const parts = segments.filter((s) => s !== '' && s !== '.');
  if (parts.length === 0) {
    return '';
  }
  const joined = posix.normalize(parts.join('/')).replace(/\/+$/, '');
  return joined === '.' ? '' : joined;
}

/** Normalises a user- or config-supplied relative path: backslashes, `./`, trailing `/`. */
export function normalizeRelativePath(path: string): string {
  return joinPath(path.trim().replace(/\\/g, '/'));
}

/** The parent folder of a workspace-relative path (`''` for top-level entries). */
export function parentPath(path: string): string {
  const index = path.lastIndexOf('/');
  return index === -1 ? '' : path.slice(0, index);
}

/** `path` relative to `from`, both workspace-relative (`''` when they are equal). */
export function relativePath(from: string, path: string): string {
  const relative = posix.relative(from === '' ? '.' : from, path === '' ? '.' : path);
  return relative === '.' ? '' : relative;
}

export function fsFileSource(workspaceRoot: string): FileSource {
  // Resolved against the workspace root, never the current directory: Nx may run the
  // inference plugin from anywhere.
  const absolute = (path: string) => join(workspaceRoot, joinPath(path));
  const stat = (path: string) => {
    try {
      return statSync(absolute(path), { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
  };
  return {
    isFile: (path) => stat(path)?.isFile() ?? false,
    isDirectory: (path) => stat(path)?.isDirectory() ?? false,
    read: (path) => {
      if (!(stat(path)?.isFile() ?? false)) {
        return null;
      }
      try {
        return readFileSync(absolute(path), 'utf-8');
      } catch {
        return null;
      }
    },
    children: (dir) => {
      try {
        return readdirSync(absolute(dir));
      } catch {
        return [];
      }
    },
  };
}
