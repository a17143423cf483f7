// The entry points: the settings module, the WSGI module and callable, the ASGI module.
import { joinPath, relativePath, type FileSource } from '../files/file-source';
import { DjangoDetectionError, label } from './detection-error';
import { compareStrings, subdirectories } from './django-root';
import { moduleOfFile, resolveModule, type PythonPath, type ResolvedModule } from './modules';
import {
  isPythonIdentifier,
  readApplicationFactory,
  readSettingsModuleDefault,
  stripPythonComments,
} from './python-source';
import { findSetting } from './settings-chain';

/** How far below the Django root wsgi.py / asgi.py are looked for. */
const MODULE_SEARCH_DEPTH = 3;

interface FactoryModule {
  module: string;
  /** Workspace-relative path of the module's file. */
  file: string;
  callable: string;
}

/** What an ASGI module calls to build its application: Django's factory, or Channels'. */
const ASGI_FACTORIES = ['get_asgi_application', 'ProtocolTypeRouter', 'get_default_application'];

/** The callable an ASGI module exposes, or null when it builds none. */
export function readAsgiApplication(text: string): { callable: string } | null {
  for (const factory of ['ProtocolTypeRouter', 'get_default_application', 'get_asgi_application']) {
    const match = readApplicationFactory(text, factory);
    if (match !== null) return match;
  }
  return null;
}

/** Whether an ASGI module serves Channels consumers (websockets), which WSGI cannot. */
export function usesChannels(text: string): boolean {
  const code = stripPythonComments(text);
  return /\bProtocolTypeRouter\b|\bget_default_application\b|^\s*(?:from|import)\s+channels\b/m.test(
    code,
  );
}

function readFactory(text: string, kind: 'wsgi' | 'asgi'): { callable: string } | null {
  return kind === 'wsgi'
    ? readApplicationFactory(text, 'get_wsgi_application')
    : readAsgiApplication(text);
}

/**
 * The modules below `pythonRoot` that build a `kind` application, best first: inside
 * `preferredPackage`, then shallowest, then alphabetical. Read: files named wsgi.py / asgi.py
 * and every module of a wsgi/ or asgi/ package (`wsgi/app.py`, `asgi/__init__.py`).
 */
function findFactoryModules(
  src: FileSource,
  path: PythonPath,
  kind: 'wsgi' | 'asgi',
  preferredPackage: string | null,
): FactoryModule[] {
  const pythonRoot = typeof path === 'string' ? path : path[0];
  const found: FactoryModule[] = [];
  const seen = new Set<string>();
  const consider = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = src.read(file);
    const module = moduleOfFile(path, file);
    const match = text === null ? null : readFactory(text, kind);
    if (match !== null && module !== null) {
      found.push({ module, file, callable: match.callable });
    }
  };
  const walk = (dir: string, depth: number) => {
    consider(joinPath(dir, `${kind}.py`));
    const pkg = joinPath(dir, kind);
    if (depth > 0 && src.isDirectory(pkg)) {
      for (const name of src
        .children(pkg)
        .filter((n) => n.endsWith('.py'))
        .sort(compareStrings)) {
        consider(joinPath(pkg, name));
      }
    }
    if (depth < MODULE_SEARCH_DEPTH) {
      for (const name of subdirectories(src, dir).filter(isPythonIdentifier)) {
        walk(joinPath(dir, name), depth + 1);
      }
    }
  };
  walk(pythonRoot, 0);
  const rank = (m: FactoryModule) =>
    preferredPackage !== null && m.module.split('.')[0] === preferredPackage ? 0 : 1;
  // A package's __init__ and a module named like the kind first (saleor.asgi before saleor.asgi.handler).
  const named = (m: FactoryModule) => (m.module.split('.').pop() === kind ? 0 : 1);
  const depth = (m: FactoryModule) => m.module.split('.').length;
  return found.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      depth(a) - depth(b) ||
      named(a) - named(b) ||
      compareStrings(a.module, b.module),
  );
}

/** The default DJANGO_SETTINGS_MODULE of the first WSGI (else ASGI) module that sets one. */
export function entrySettingsDefault(
  src: FileSource,
  path: PythonPath,
): { module: string; file: string } | null {
  for (const kind of ['wsgi', 'asgi'] as const) {
    for (const entry of findFactoryModules(src, path, kind, null)) {
      const module = readSettingsModuleDefault(src.read(entry.file) ?? '');
      if (module !== null) {
        return { module, file: entry.file };
      }
    }
  }
  return null;
}

/** manage.py's default settings, else the default of a wsgi.py found by searching. */
export function detectSettingsModule(
  src: FileSource,
  projectRoot: string,
  path: PythonPath,
): string {
  const pythonRoot = typeof path === 'string' ? path : path[0];
  const managePy = joinPath(pythonRoot, 'manage.py');
  const manageText = src.read(managePy);
  const fromManage = manageText === null ? null : readSettingsModuleDefault(manageText);
  if (fromManage !== null) {
    return fromManage;
  }
  const fromEntry = entrySettingsDefault(src, path);
  if (fromEntry !== null) {
    return fromEntry.module;
  }
  const where =
    manageText === null
      ? `no manage.py in "${relativePath(projectRoot, pythonRoot) || '.'}"`
      : `no os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...) in ` +
        relativePath(projectRoot, managePy);
  throw new DjangoDetectionError(
    `Could not find the settings module for "${label(projectRoot)}": ${where} and no wsgi.py ` +
      `setting a default. Pass --settingsModule.`,
    projectRoot,
  );
}

export interface WsgiEntry {
  module: string;
  callable: string;
  /** Workspace-relative path of the module's file; null when it is not in the project. */
  file: string | null;
}

/** WSGI_APPLICATION from the settings, else a wsgi.py calling get_wsgi_application. */
export function findWsgi(
  src: FileSource,
  path: PythonPath,
  settingsModule: string,
  settings: ResolvedModule | null,
): WsgiEntry | null {
  const setting = settings && findSetting(src, path, settings, 'WSGI_APPLICATION');
  if (setting) {
    const parts = setting.value.split('.');
    const module = parts.slice(0, -1).join('.');
    const file = resolveModule(src, path, module)?.file ?? null;
    return { module, callable: parts[parts.length - 1], file };
  }
  const topPackage = settingsModule.split('.')[0];
  const [found] = findFactoryModules(src, path, 'wsgi', topPackage);
  return found ?? null;
}

export function detectWsgi(
  src: FileSource,
  projectRoot: string,
  path: PythonPath,
  settingsModule: string,
  settings: ResolvedModule | null,
): WsgiEntry {
  const found = findWsgi(src, path, settingsModule, settings);
  if (found !== null) {
    return found;
  }
  const where =
    settings === null
      ? `settings module "${settingsModule}" not found`
      : `no WSGI_APPLICATION in ${relativePath(projectRoot, settings.path)}`;
  throw new DjangoDetectionError(
    `Could not find the WSGI module for "${label(projectRoot)}": ${where} and no wsgi.py calling ` +
      `get_wsgi_application. Pass --wsgiModule.`,
    projectRoot,
  );
}

/**
 * The ASGI module: the asgi.py (or asgi package) beside the WSGI module first (startproject
 * and cookiecutter pair them), else one found by searching, preferring `preferredPackage`.
 */
export function findAsgi(src: FileSource, path: PythonPath, nearModule: string): WsgiEntry | null {
  const sibling = [...nearModule.split('.').slice(0, -1), 'asgi'].join('.');
  const resolved = resolveModule(src, path, sibling);
  const text = resolved === null ? null : src.read(resolved.file);
  const match = text === null ? null : readAsgiApplication(text);
  if (resolved !== null && match !== null) {
    return { module: sibling, callable: match.callable, file: resolved.file };
  }
  const topPackage = nearModule.split('.')[0];
  return findFactoryModules(src, path, 'asgi', topPackage)[0] ?? null;
}

/** The ASGI module's name, kept for callers that only need that. */
export function detectAsgiModule(
  src: FileSource,
  path: PythonPath,
  wsgiModule: string,
): string | null {
  return findAsgi(src, path, wsgiModule)?.module ?? null;
}

/** Whether a module file builds an ASGI application rather than a WSGI one. */
export function isAsgiModule(text: string | null): boolean {
  return (
    text !== null &&
    readApplicationFactory(text, 'get_wsgi_application') === null &&
    ASGI_FACTORIES.some((f) => readApplicationFactory(text, f) !== null)
  );
}
