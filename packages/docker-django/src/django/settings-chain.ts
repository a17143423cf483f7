// The settings chain: a setting read through what a split settings module pulls in.
import { joinPath, parentPath, type FileSource } from '../files/file-source';
import { compareStrings } from './django-root';
import {
  moduleOfFile,
  resolveImport,
  resolveModule,
  type PythonPath,
  type ResolvedModule,
} from './modules';
import {
  readDottedSetting,
  readFromImports,
  readSplitSettingsIncludes,
  readStarImports,
} from './python-source';

/** Guards against import cycles and pathological settings trees. */
const MAX_SETTINGS_FILES = 50;
/** Files a settings package usually splits into, in the order they are worth reading. */
const SETTINGS_PACKAGE_FILES = [
  '__init__.py',
  'base.py',
  'common.py',
  'defaults.py',
  'production.py',
  'prod.py',
  'settings.py',
];

export interface SettingHit {
  value: string;
  file: string;
}

const isSettingsFolder = (folder: string) => /settings/.test(folder.split('/').pop() ?? '');

/** The files a split-settings include names, relative to the including file's folder. */
function expandInclude(src: FileSource, dir: string, include: string): string[] {
  const path = joinPath(dir, include);
  if (!include.includes('*')) {
    return src.isFile(path) ? [path] : [];
  }
  const folder = parentPath(path);
  const name = path.slice(folder === '' ? 0 : folder.length + 1);
  const escaped = name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  const pattern = new RegExp(`^${escaped}$`);
  return src
    .children(folder)
    .filter((n) => pattern.test(n))
    .sort(compareStrings)
    .map((n) => joinPath(folder, n));
}

/**
 * Reads a dotted setting (WSGI_APPLICATION) from a settings module, following what a split
 * settings module pulls in: `from .base import *` and absolute imports of local modules,
 * django-split-settings `include()`, and for a settings package its usual files.
 */
export function findSetting(
  src: FileSource,
  pythonRoot: PythonPath,
  settings: ResolvedModule,
  name: string,
): SettingHit | null {
  const visited = new Set<string>();

  const searchFile = (file: string, module: string): SettingHit | null => {
    if (visited.has(file) || visited.size >= MAX_SETTINGS_FILES) {
      return null;
    }
    visited.add(file);
    const text = src.read(file);
    if (text === null) {
      return null;
    }
    const value = readDottedSetting(text, name);
    if (value !== null) {
      return { value, file };
    }
    const isInit = file.endsWith('/__init__.py');
    const imports = readFromImports(text)
      .map((imported) => resolveImport(imported, module, isInit))
      .filter((target): target is string => target !== null);
    // In Python the last import that sets a name wins, so read the imports back to front.
    for (const target of imports.reverse()) {
      const resolved = resolveModule(src, pythonRoot, target);
      const hit =
        resolved === null ? null : searchModule(resolved, isSettingsFolder(resolved.path));
      if (hit !== null) {
        return hit;
      }
    }
    for (const include of readSplitSettingsIncludes(text)) {
      for (const included of expandInclude(src, parentPath(file), include)) {
        const includedModule = moduleOfFile(pythonRoot, included);
        const hit = includedModule === null ? null : searchFile(included, includedModule);
        if (hit !== null) {
          return hit;
        }
      }
    }
    return null;
  };

  /**
   * A package's __init__.py; when `deep` (the settings package itself, or one named like
   * it) also its usual split files, then every other module in it. An imported app
   * package is not combed through.
   */
  const searchPackage = (folder: string, module: string, deep: boolean): SettingHit | null => {
    const others = src
      .children(folder)
      .filter((n) => n.endsWith('.py') && !SETTINGS_PACKAGE_FILES.includes(n))
      .filter((n) => !n.startsWith('test'))
      .sort(compareStrings);
    for (const file of deep ? [...SETTINGS_PACKAGE_FILES, ...others] : ['__init__.py']) {
      const path = joinPath(folder, file);
      const fileModule = file === '__init__.py' ? module : `${module}.${file.slice(0, -3)}`;
      const hit = src.isFile(path) ? searchFile(path, fileModule) : null;
      if (hit !== null) {
        return hit;
      }
    }
    return null;
  };

  const searchModule = (resolved: ResolvedModule, deep: boolean): SettingHit | null =>
    resolved.isPackage
      ? searchPackage(resolved.path, resolved.module, deep)
      : searchFile(resolved.file, resolved.module);

  const hit = searchModule(settings, true);
  if (hit !== null || settings.isPackage) {
    return hit;
  }
  // config.settings.local without the setting and without imports: look at its package.
  const folder = parentPath(settings.path);
  const packageModule = settings.module.split('.').slice(0, -1).join('.');
  if (packageModule !== '' && isSettingsFolder(folder)) {
    return searchPackage(folder, packageModule, true);
  }
  return null;
}

/**
 * The files a settings module runs, in the order Python runs them: what each file pulls in
 * with `from X import *` (relative or absolute, when X is in the project) or a
 * django-split-settings `include()` comes before the file itself, so for a setting the last
 * file in the list that assigns it wins. A package is its __init__.py. Imports inside `try`
 * or `if` are followed too (both branches of an environment switch are in the list).
 */
export function settingsChainFiles(
  src: FileSource,
  pythonRoot: PythonPath,
  settings: ResolvedModule,
): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, module: string) => {
    if (seen.has(file) || seen.size >= MAX_SETTINGS_FILES) {
      return;
    }
    seen.add(file);
    const text = src.read(file);
    if (text === null) {
      return;
    }
    const isInit = file.endsWith('/__init__.py');
    for (const imported of readStarImports(text)) {
      const target = resolveImport(imported, module, isInit);
      const resolved = target === null ? null : resolveModule(src, pythonRoot, target);
      if (resolved !== null) {
        visit(resolved.file, resolved.module);
      }
    }
    for (const include of readSplitSettingsIncludes(text)) {
      for (const included of expandInclude(src, parentPath(file), include)) {
        visit(included, moduleOfFile(pythonRoot, included) ?? module);
      }
    }
    chain.push(file);
  };
  visit(settings.file, settings.module);
  return chain;
}
