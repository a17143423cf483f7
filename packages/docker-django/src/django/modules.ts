// Python's module resolution, as far as detection needs it: a dotted module to its file,
// a file to its module, a relative import to an absolute one.
import { joinPath, relativePath, type FileSource } from '../files/file-source';
import { isDottedModule } from './python-source';

export interface ResolvedModule {
  module: string;
  /** Workspace-relative path of the .py file, or of the package folder. */
  path: string;
  /** The file to read: the .py file, or the package's __init__.py (may be missing). */
  file: string;
  isPackage: boolean;
}

/**
 * Where imports resolve from, workspace-relative, first wins: manage.py's folder (sys.path[0]),
 * then folders manage.py adds to sys.path (a `src/` holding the package, say).
 */
export type PythonPath = string | readonly string[];

const entriesOf = (path: PythonPath): readonly string[] =>
  typeof path === 'string' ? [path] : path;

/** Finds a dotted module on `path` (workspace-relative folders) the way Python's path finder would. */
export function resolveModule(
  src: FileSource,
  path: PythonPath,
  module: string,
): ResolvedModule | null {
  for (const base of entriesOf(path)) {
    const found = resolveModuleIn(src, base, module);
    if (found !== null) {
      return found;
    }
  }
  return null;
}

function resolveModuleIn(src: FileSource, base: string, module: string): ResolvedModule | null {
  const folder = joinPath(base, ...module.split('.'));
  if (src.isFile(`${folder}.py`)) {
    return { module, path: `${folder}.py`, file: `${folder}.py`, isPackage: false };
  }
  // A folder without __init__.py still imports (namespace package).
  if (folder !== base && src.isDirectory(folder)) {
    return { module, path: folder, file: joinPath(folder, '__init__.py'), isPackage: true };
  }
  return null;
}

/**
 * The dotted module of a workspace-relative .py path, or null if not importable: relative to
 * the deepest entry of `path` holding it (`src/ephios/wsgi.py` is `ephios.wsgi` when manage.py
 * puts `src/` on sys.path).
 */
export function moduleOfFile(path: PythonPath, file: string): string | null {
  const bases = entriesOf(path).filter((b) => b === '' || file === b || file.startsWith(`${b}/`));
  const base = bases.sort((a, b) => b.length - a.length)[0];
  if (base === undefined) {
    return null;
  }
  const parts = relativePath(base, file).replace(/\.py$/, '').split('/');
  if (parts.length === 1 && parts[0] === '__init__') {
    return null;
  }
  const module = (parts[parts.length - 1] === '__init__' ? parts.slice(0, -1) : parts).join('.');
  return isDottedModule(module) ? module : null;
}

/**
 * The absolute module a `from X import` in `module` refers to: `from .base` in a.b.c is
 * a.b.base, and in a package's __init__.py (module a.b) also a.b.base.
 */
export function resolveImport(imported: string, module: string, isInit: boolean): string | null {
  const dots = /^\.*/.exec(imported)?.[0].length ?? 0;
  if (dots === 0) {
    return isDottedModule(imported) ? imported : null;
  }
  const packageParts = module.split('.').slice(0, isInit ? undefined : -1);
  const keep = packageParts.length - (dots - 1);
  if (keep < 0) {
    return null;
  }
  const rest = imported.slice(dots);
  const target = [...packageParts.slice(0, keep), ...(rest === '' ? [] : [rest])].join('.');
  return isDottedModule(target) ? target : null;
}
