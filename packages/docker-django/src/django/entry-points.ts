// The entry points: the settings module, the WSGI module and callable, the ASGI module.
import { joinPath, relativePath, type FileSource } from '../files/file-source';
import { DjangoDetectionError, label } from './detection-error';
import { compareStrings, subdirectories } from './django-root';
import { moduleOfFile, resolveModule, type ResolvedModule } from './modules';
import {
  isPythonIdentifier,
  readApplicationFactory,
  readSettingsModuleDefault,
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

/**
 * Files named `fileName` below `pythonRoot` that call `factory`, best first: inside
 * `preferredPackage`, then shallowest, then alphabetical.
 */
function findFactoryModules(
  src: FileSource,
  pythonRoot: string,
  fileName: 'wsgi.py' | 'asgi.py',
  preferredPackage: string | null,
): FactoryModule[] {
  const factory = fileName === 'wsgi.py' ? 'get_wsgi_application' : 'get_asgi_application';
  const found: FactoryModule[] = [];
  const walk = (dir: string, depth: number) => {
    const file = joinPath(dir, fileName);
    const text = src.read(file);
    const module = moduleOfFile(pythonRoot, file);
    const match = text === null ? null : readApplicationFactory(text, factory);
    if (match !== null && module !== null) {
      found.push({ module, file, callable: match.callable });
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
  const depth = (m: FactoryModule) => m.module.split('.').length;
  return found.sort(
    (a, b) => rank(a) - rank(b) || depth(a) - depth(b) || compareStrings(a.module, b.module),
  );
}

/** manage.py's default settings, else the default of a wsgi.py found by searching. */
export function detectSettingsModule(
  src: FileSource,
  projectRoot: string,
  pythonRoot: string,
): string {
  const managePy = joinPath(pythonRoot, 'manage.py');
  const manageText = src.read(managePy);
  const fromManage = manageText === null ? null : readSettingsModuleDefault(manageText);
  if (fromManage !== null) {
    return fromManage;
  }
  for (const wsgi of findFactoryModules(src, pythonRoot, 'wsgi.py', null)) {
    const fromWsgi = readSettingsModuleDefault(src.read(wsgi.file) ?? '');
    if (fromWsgi !== null) {
      return fromWsgi;
    }
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
export function detectWsgi(
  src: FileSource,
  projectRoot: string,
  pythonRoot: string,
  settingsModule: string,
  settings: ResolvedModule | null,
): WsgiEntry {
  const setting = settings && findSetting(src, pythonRoot, settings, 'WSGI_APPLICATION');
  if (setting) {
    const parts = setting.value.split('.');
    const module = parts.slice(0, -1).join('.');
    const file = resolveModule(src, pythonRoot, module)?.file ?? null;
    return { module, callable: parts[parts.length - 1], file };
  }
  const topPackage = settingsModule.split('.')[0];
  const [found] = findFactoryModules(src, pythonRoot, 'wsgi.py', topPackage);
  if (found !== undefined) {
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

/** The asgi.py beside the WSGI module first (startproject and cookiecutter pair them). */
export function detectAsgiModule(
  src: FileSource,
  pythonRoot: string,
  wsgiModule: string,
): string | null {
  const sibling = [...wsgiModule.split('.').slice(0, -1), 'asgi'].join('.');
  const resolved = resolveModule(src, pythonRoot, sibling);
  const text = resolved === null || resolved.isPackage ? null : src.read(resolved.file);
  if (text !== null && readApplicationFactory(text, 'get_asgi_application') !== null) {
    return sibling;
  }
  const topPackage = wsgiModule.split('.')[0];
  return findFactoryModules(src, pythonRoot, 'asgi.py', topPackage)[0]?.module ?? null;
}
