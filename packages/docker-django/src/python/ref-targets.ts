// Where a local reference points: the spellings a manifest may use for a path (relative,
// absolute, `file:` URLs, PDM and hatch root variables) and their resolution to a
// workspace-relative POSIX path.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toPosix } from '../files/workspace-paths';
import type { PythonPathRef } from './manifest-refs';

export type RefTarget =
  /** A path relative to the base folder (requirements) or to the manifest (pyproject). */
  | { anchor: 'base'; path: string }
  /** A path relative to the manifest's folder, whatever the base folder. */
  | { anchor: 'manifest'; path: string }
  | { anchor: 'absolute'; path: string };

export function stripMarker(spec: string): string {
  const isUrl = /^[A-Za-z][A-Za-z0-9+.-]+:/.test(spec);
  const at = isUrl ? spec.search(/\s;/) : spec.indexOf(';');
  return (at === -1 ? spec : spec.slice(0, at)).trim();
}

export function isPathLike(spec: string): boolean {
  return /^\.\.?([\\/]|$)|^\.\.?\[/.test(spec) || spec.startsWith('/');
}

/** `../x[dev]#egg=x` → `../x` (absolute when it starts with `/`). */
export function pathTarget(spec: string): RefTarget | undefined {
  const cleaned = stripExtras(spec.replace(/#.*$/, ''));
  if (cleaned === '') {
    return undefined;
  }
  return cleaned.startsWith('/')
    ? { anchor: 'absolute', path: cleaned }
    : { anchor: 'base', path: cleaned };
}

function stripExtras(spec: string): string {
  return spec.replace(/\[[^\]]*\]$/, '').trim();
}

/**
 * `file:` URLs: relative (`file:../x`), absolute (`file:///abs/x`, `file://localhost/abs/x`)
 * and the project-root forms of PDM (`file:///${PROJECT_ROOT}/../x`) and hatch
 * (`{root:uri}/../x`, `{root:parent:uri}/x`), which are relative to the manifest's folder.
 */
export function fileUrlTarget(url: string): RefTarget | undefined {
  const withoutFragment = url.replace(/[?#].*$/, '');
  const pdm = /^file:\/{0,3}\$\{PROJECT_ROOT\}(\/.*)?$/.exec(withoutFragment);
  if (pdm) {
    return { anchor: 'manifest', path: `.${decodePath(pdm[1] ?? '')}` };
  }
  const hatch = /^\{root((?::parent)*):uri\}(\/.*)?$/.exec(withoutFragment);
  if (hatch) {
    const parents = hatch[1].split(':parent').length - 1;
    return { anchor: 'manifest', path: `.${'/..'.repeat(parents)}${decodePath(hatch[2] ?? '')}` };
  }
  if (!withoutFragment.startsWith('file:') || withoutFragment.includes('${')) {
    return undefined;
  }
  const rest = withoutFragment.slice('file:'.length);
  if (rest.startsWith('//')) {
    const hostEnd = rest.indexOf('/', 2);
    const host = hostEnd === -1 ? rest.slice(2) : rest.slice(2, hostEnd);
    if (host !== '' && host !== 'localhost') {
      return undefined; // a file on another machine
    }
    try {
      return {
        anchor: 'absolute',
        path: fileURLToPath(`file://${hostEnd === -1 ? '/' : rest.slice(hostEnd)}`),
      };
    } catch {
      return undefined;
    }
  }
  const decoded = decodePath(rest);
  if (decoded === '') {
    return undefined;
  }
  return decoded.startsWith('/')
    ? { anchor: 'absolute', path: decoded }
    : { anchor: 'base', path: decoded };
}

function decodePath(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function tomlPathTarget(value: string): RefTarget | undefined {
  if (value.trim() === '' || value.includes('${')) {
    return undefined;
  }
  const cleaned = toPosix(value.trim());
  return cleaned.startsWith('/') || path.isAbsolute(value)
    ? { anchor: 'absolute', path: value.trim() }
    : { anchor: 'base', path: cleaned };
}

export interface ResolveContext {
  manifest: string;
  manifestDir: string;
  baseDir: string;
  workspaceRoot?: string;
}

export function resolveRef(target: RefTarget, context: ResolveContext): PythonPathRef | undefined {
  const { manifest, manifestDir, baseDir, workspaceRoot } = context;
  if (target.anchor === 'absolute') {
    const resolved = resolveAbsolute(target.path, workspaceRoot);
    return resolved === undefined ? undefined : { manifest, path: resolved };
  }
  if (target.anchor === 'manifest' || baseDir === manifestDir) {
    const resolved = resolveRelative(manifestDir, target.path, workspaceRoot);
    return resolved === undefined ? undefined : { manifest, path: resolved };
  }
  const primary = resolveRelative(baseDir, target.path, workspaceRoot);
  const fallback = resolveRelative(manifestDir, target.path, workspaceRoot);
  if (primary === undefined) {
    return fallback === undefined ? undefined : { manifest, path: fallback };
  }
  return fallback === undefined || fallback === primary
    ? { manifest, path: primary }
    : { manifest, path: primary, fallbackPath: fallback };
}

/** `dir` + `reference` as a workspace-relative POSIX path, or undefined outside the workspace. */
export function resolveRelative(
  dir: string,
  reference: string,
  workspaceRoot: string | undefined,
): string | undefined {
  const posixRef = toPosix(reference);
  if (posixRef.startsWith('/') || path.isAbsolute(reference)) {
    return resolveAbsolute(reference, workspaceRoot);
  }
  const joined = path.posix.normalize(path.posix.join(dir, posixRef)).replace(/\/+$/, '');
  if (joined === '..' || joined.startsWith('../')) {
    return undefined;
  }
  return joined === '' ? '.' : joined;
}

function resolveAbsolute(absolute: string, workspaceRoot: string | undefined): string | undefined {
  if (!workspaceRoot) {
    return undefined;
  }
  const relative = path.relative(workspaceRoot, absolute);
  if (relative === '') {
    return '.';
  }
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return undefined;
  }
  return toPosix(relative);
}
