import {
  joinPath,
  normalizeRelativePath,
  parentPath,
  relativePath,
  type FileSource,
} from '../files/file-source';
import {
  isDottedModule,
  isPythonIdentifier,
  readApplicationFactory,
  readDottedSetting,
  readFromImports,
  readSettingsModuleDefault,
  readSplitSettingsIncludes,
} from './python-source';

export interface DjangoLayout {
  /** Folder holding manage.py, relative to the project root: '', 'src', 'backend/server'. */
  djangoRoot: string;
  /** The settings manage.py defaults to (or the --settingsModule override). */
  settingsModule: string;
  /** The settings the container should use: wsgi.py's default when it differs from manage.py's. */
  imageSettingsModule: string;
  /** Dotted module holding the WSGI application, e.g. 'mysite.wsgi'. */
  wsgiModule: string;
  /** Name of the WSGI callable in wsgiModule, usually 'application'. */
  wsgiCallable: string;
  /** Project-root-relative path of settingsModule's file or package folder; null if not found. */
  settingsPath: string | null;
  /** Like settingsPath, for imageSettingsModule. */
  imageSettingsPath: string | null;
  /** Project-root-relative path of wsgiModule's file; null if not found. */
  wsgiPath: string | null;
  /** Dotted module of an asgi.py calling get_asgi_application, or null. */
  asgiModule: string | null;
}

/** Blank values count as not given; use '.' for a Django root that is the project root. */
export interface LayoutOverrides {
  djangoRoot?: string;
  settingsModule?: string;
  /** 'mysite.wsgi', or 'mysite.wsgi:app' to name the callable too. */
  wsgiModule?: string;
}

/** Detection failed; the message says what, for which project, and which option fixes it. */
export class DjangoDetectionError extends Error {
  constructor(
    message: string,
    readonly projectRoot: string,
  ) {
    super(message);
    this.name = 'DjangoDetectionError';
  }
}

/** Folders never searched: virtualenvs, dependencies, build output, caches, VCS data. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  '.venv',
  'venv',
  'env',
  'node_modules',
  '.git',
  'dist',
  'build',
  '__pycache__',
  '.tox',
  '.nx',
  'site-packages',
]);

/** How far below the Django root wsgi.py / asgi.py are looked for. */
const MODULE_SEARCH_DEPTH = 3;
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

/** The project as error messages show it: '.' for a project at the workspace root. */
const label = (projectRoot: string) => (projectRoot === '' ? '.' : projectRoot);

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isSkippedDirectory(src: FileSource, path: string, name: string): boolean {
  return (
    SKIPPED_DIRECTORIES.has(name) ||
    // Other dot-folders are tool caches (.mypy_cache, .pytest_cache, .idea ...).
    name.startsWith('.') ||
    name.endsWith('.egg-info') ||
    // A virtualenv under any name.
    src.isFile(joinPath(path, 'pyvenv.cfg'))
  );
}

/** Searchable sub-folders of `dir` (workspace-relative), sorted by name. */
function subdirectories(src: FileSource, dir: string): string[] {
  return src
    .children(dir)
    .filter((name) => {
      const path = joinPath(dir, name);
      return src.isDirectory(path) && !isSkippedDirectory(src, path, name);
    })
    .sort(compareStrings);
}

/**
 * The folder holding manage.py, relative to the project root: the project root itself,
 * then `src/`, then any folder one level down, then two levels down (alphabetical within
 * a level). Virtualenvs, node_modules, build output and dot-folders are never searched.
 */
export function findDjangoRoot(src: FileSource, projectRoot: string): string | null {
  const hasManagePy = (relative: string) =>
    src.isFile(joinPath(projectRoot, relative, 'manage.py'));
  if (hasManagePy('')) {
    return '';
  }
  const levelOne = subdirectories(src, projectRoot);
  // src/ is the conventional home of the code, so it beats its alphabetical siblings.
  const ordered = levelOne.includes('src')
    ? ['src', ...levelOne.filter((n) => n !== 'src')]
    : levelOne;
  const direct = ordered.find(hasManagePy);
  if (direct !== undefined) {
    return direct;
  }
  const levelTwo: string[] = [];
  for (const name of levelOne) {
    for (const sub of subdirectories(src, joinPath(projectRoot, name))) {
      const relative = joinPath(name, sub);
      if (hasManagePy(relative)) {
        levelTwo.push(relative);
      }
    }
  }
  return levelTwo.sort(compareStrings)[0] ?? null;
}

interface ResolvedModule {
  module: string;
  /** Workspace-relative path of the .py file, or of the package folder. */
  path: string;
  /** The file to read: the .py file, or the package's __init__.py (may be missing). */
  file: string;
  isPackage: boolean;
}

/** Finds a dotted module below `base` (workspace-relative) the way Python's path finder would. */
function resolveModule(src: FileSource, base: string, module: string): ResolvedModule | null {
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

/** The dotted module of a workspace-relative .py path below `base`, or null if not importable. */
function moduleOfFile(base: string, file: string): string | null {
  const parts = relativePath(base, file).replace(/\.py$/, '').split('/');
  if (parts.length === 1 && parts[0] === '__init__') {
    return null;
  }
  const module = (parts[parts.length - 1] === '__init__' ? parts.slice(0, -1) : parts).join('.');
  return isDottedModule(module) ? module : null;
}

interface SettingHit {
  value: string;
  file: string;
}

const isSettingsFolder = (folder: string) => /settings/.test(folder.split('/').pop() ?? '');

/**
 * The absolute module a `from X import` in `module` refers to: `from .base` in a.b.c is
 * a.b.base, and in a package's __init__.py (module a.b) also a.b.base.
 */
function resolveImport(imported: string, module: string, isInit: boolean): string | null {
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
function findSetting(
  src: FileSource,
  pythonRoot: string,
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

function resolveDjangoRoot(src: FileSource, projectRoot: string, override?: string): string {
  if (override === undefined) {
    const found = findDjangoRoot(src, projectRoot);
    if (found === null) {
      throw new DjangoDetectionError(
        `No manage.py found under "${label(projectRoot)}" (looked in the project root, ` +
          `src/ and two levels down). Pass --djangoRoot or add a manage.py.`,
        projectRoot,
      );
    }
    return found;
  }
  const djangoRoot = normalizeRelativePath(override);
  const fix = 'Pass a --djangoRoot relative to the project root, such as "src".';
  if (djangoRoot.startsWith('/') || djangoRoot === '..' || djangoRoot.startsWith('../')) {
    throw new DjangoDetectionError(
      `Django root "${override}" is outside the project "${label(projectRoot)}". ${fix}`,
      projectRoot,
    );
  }
  if (!src.isDirectory(joinPath(projectRoot, djangoRoot))) {
    throw new DjangoDetectionError(
      `Django root "${override}" does not exist in "${label(projectRoot)}". ${fix}`,
      projectRoot,
    );
  }
  return djangoRoot;
}

function validateSettingsOverride(projectRoot: string, override?: string): string | null {
  if (override === undefined) {
    return null;
  }
  if (!isDottedModule(override.trim())) {
    throw new DjangoDetectionError(
      `Invalid settings module "${override}" for "${label(projectRoot)}": expected a ` +
        `dotted module such as "mysite.settings". Pass a valid --settingsModule.`,
      projectRoot,
    );
  }
  return override.trim();
}

function parseWsgiOverride(
  projectRoot: string,
  override?: string,
): { module: string; callable: string } | null {
  if (override === undefined) {
    return null;
  }
  const [module, callable = 'application', ...extra] = override.trim().split(':');
  if (extra.length > 0 || !isDottedModule(module) || !isPythonIdentifier(callable)) {
    throw new DjangoDetectionError(
      `Invalid WSGI module "${override}" for "${label(projectRoot)}": expected a dotted ` +
        `module such as "mysite.wsgi" or "mysite.wsgi:application". Pass a valid --wsgiModule.`,
      projectRoot,
    );
  }
  return { module, callable };
}

/** manage.py's default settings, else the default of a wsgi.py found by searching. */
function detectSettingsModule(src: FileSource, projectRoot: string, pythonRoot: string): string {
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

interface WsgiEntry {
  module: string;
  callable: string;
  /** Workspace-relative path of the module's file; null when it is not in the project. */
  file: string | null;
}

/** WSGI_APPLICATION from the settings, else a wsgi.py calling get_wsgi_application. */
function detectWsgi(
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
function detectAsgiModule(src: FileSource, pythonRoot: string, wsgiModule: string): string | null {
  const sibling = [...wsgiModule.split('.').slice(0, -1), 'asgi'].join('.');
  const resolved = resolveModule(src, pythonRoot, sibling);
  const text = resolved === null || resolved.isPackage ? null : src.read(resolved.file);
  if (text !== null && readApplicationFactory(text, 'get_asgi_application') !== null) {
    return sibling;
  }
  const topPackage = wsgiModule.split('.')[0];
  return findFactoryModules(src, pythonRoot, 'asgi.py', topPackage)[0]?.module ?? null;
}

/**
 * Finds the Django entry points of the project at `projectRoot` (workspace-relative).
 * Overrides win over detection; a value that can be neither detected nor overridden
 * throws a DjangoDetectionError naming the option that fixes it.
 */
export function detectDjangoLayout(
  src: FileSource,
  projectRoot: string,
  overrides: LayoutOverrides = {},
): DjangoLayout {
  projectRoot = normalizeRelativePath(projectRoot);
  // A blank option (a schema default, an empty prompt answer) means "detect it".
  const given = (value?: string) => (value?.trim() ? value : undefined);
  const djangoRoot = resolveDjangoRoot(src, projectRoot, given(overrides.djangoRoot));
  const settingsOverride = validateSettingsOverride(projectRoot, given(overrides.settingsModule));
  const wsgiOverride = parseWsgiOverride(projectRoot, given(overrides.wsgiModule));
  // manage.py's folder is sys.path[0], so modules resolve from there.
  const pythonRoot = joinPath(projectRoot, djangoRoot);
  const fromProject = (path: string | null | undefined) =>
    path === null || path === undefined ? null : relativePath(projectRoot, path);

  const settingsModule = settingsOverride ?? detectSettingsModule(src, projectRoot, pythonRoot);
  const settings = resolveModule(src, pythonRoot, settingsModule);

  const wsgi: WsgiEntry =
    wsgiOverride === null
      ? detectWsgi(src, projectRoot, pythonRoot, settingsModule, settings)
      : {
          ...wsgiOverride,
          file: resolveModule(src, pythonRoot, wsgiOverride.module)?.file ?? null,
        };

  // cookiecutter-django: manage.py defaults to settings.local, wsgi.py to settings.production.
  const wsgiText = wsgi.file === null ? null : src.read(wsgi.file);
  const wsgiSettings = wsgiText === null ? null : readSettingsModuleDefault(wsgiText);
  const imageSettingsModule = settingsOverride ?? wsgiSettings ?? settingsModule;
  const imageSettings =
    imageSettingsModule === settingsModule
      ? settings
      : resolveModule(src, pythonRoot, imageSettingsModule);

  return {
    djangoRoot,
    settingsModule,
    imageSettingsModule,
    wsgiModule: wsgi.module,
    wsgiCallable: wsgi.callable,
    settingsPath: fromProject(settings?.path),
    imageSettingsPath: fromProject(imageSettings?.path),
    wsgiPath: wsgiText === null ? null : fromProject(wsgi.file),
    asgiModule: detectAsgiModule(src, pythonRoot, wsgi.module),
  };
}
