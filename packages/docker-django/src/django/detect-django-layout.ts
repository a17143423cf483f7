// Django layout detection: where manage.py is, which settings, which WSGI/ASGI entry points.
// Shared by the init generator (through the Nx Tree) and the inference plugin (on disk); no
// Nx import here. The pieces: django-root.ts, modules.ts, settings-chain.ts, entry-points.ts.
import {
  joinPath,
  normalizeRelativePath,
  relativePath,
  type FileSource,
} from '../files/file-source';
import { DjangoDetectionError, label, quoted } from './detection-error';
import { findDjangoRoot } from './django-root';
import {
  entrySettingsDefault,
  findAsgi,
  findWsgi,
  isAsgiModule,
  usesChannels,
  type WsgiEntry,
} from './entry-points';
import { chooseImageSettings } from './image-settings';
import { resolveModule } from './modules';
import {
  isDottedModule,
  isPythonIdentifier,
  readSettingsModuleDefault,
  readSysPathAdditions,
} from './python-source';
import { detectSettingsEnvironment, type EnvironmentNeed } from './settings-environment';
import { detectStaticSettings, type StaticSettings } from './static-settings';

export { DjangoDetectionError } from './detection-error';
export { findDjangoRoot, SKIPPED_DIRECTORIES } from './django-root';
export type { StaticSettings } from './static-settings';
export type { EnvironmentNeed } from './settings-environment';

/** The application the server imports: `module:callable`, WSGI or ASGI. */
export interface EntryPoint {
  kind: 'wsgi' | 'asgi';
  module: string;
  callable: string;
  /** Why this one, for the generator to print. */
  reason: string;
}

export interface DjangoLayout {
  /** Folder holding manage.py, relative to the project root: '', 'src', 'backend/server'. */
  djangoRoot: string;
  /** The settings manage.py defaults to (or the --settingsModule override). */
  settingsModule: string;
  /**
   * The settings the container should use: production settings (wsgi.py's default over
   * manage.py's, a production sibling over a development module); see image-settings.ts.
   */
  imageSettingsModule: string;
  /** Why imageSettingsModule, for the generator to print ("chose X because Y"). */
  imageSettingsReason: string;
  /**
   * Dotted module the app server imports, e.g. 'mysite.wsgi': the WSGI module, or the ASGI
   * one when entryPoint.kind is 'asgi'; '' when none was found and a --command was given.
   */
  wsgiModule: string;
  /** Name of the callable in wsgiModule, usually 'application'. */
  wsgiCallable: string;
  /** What the server runs, with its kind; null when none was found and a --command was given. */
  entryPoint: EntryPoint | null;
  /**
   * Folders manage.py puts on sys.path (a `src/` holding the package), relative to the
   * Django root: an app server started beside manage.py needs them too (gunicorn --pythonpath).
   */
  extraPythonPath: string[];
  /** Static files as the image's settings define them, and whether to run collectstatic. */
  staticFiles: StaticSettings;
  /** Environment variables the image's settings need (at import, or to serve), in reading order. */
  environment: EnvironmentNeed[];
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
  /** 'mysite.wsgi', or 'mysite.wsgi:app' to name the callable too (an ASGI module works too). */
  wsgiModule?: string;
  /** A run command is given, so a project without a WSGI/ASGI module is not an error. */
  commandGiven?: boolean;
}

function resolveDjangoRoot(src: FileSource, projectRoot: string, override?: string): string {
  if (override === undefined) {
    const found = findDjangoRoot(src, projectRoot);
    if (found === null) {
      throw new DjangoDetectionError(
        `No manage.py found under "${label(projectRoot)}" (looked in the project root, ` +
          `src/ and up to four levels down). Pass --djangoRoot or add a manage.py.`,
        projectRoot,
      );
    }
    return found;
  }
  const djangoRoot = normalizeRelativePath(override);
  const fix = 'Pass a --djangoRoot relative to the project root, such as "src".';
  if (djangoRoot.startsWith('/') || djangoRoot === '..' || djangoRoot.startsWith('../')) {
    throw new DjangoDetectionError(
      `Django root ${quoted(override)} is outside the project "${label(projectRoot)}". ${fix}`,
      projectRoot,
    );
  }
  if (!src.isDirectory(joinPath(projectRoot, djangoRoot))) {
    throw new DjangoDetectionError(
      `Django root ${quoted(override)} does not exist in "${label(projectRoot)}". ${fix}`,
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
      `Invalid settings module ${quoted(override)} for "${label(projectRoot)}": expected a ` +
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
      `Invalid WSGI module ${quoted(override)} for "${label(projectRoot)}": expected a dotted ` +
        `module such as "mysite.wsgi" or "mysite.wsgi:application". Pass a valid --wsgiModule.`,
      projectRoot,
    );
  }
  return { module, callable };
}

/** manage.py's sys.path additions that exist, relative to the Django root. */
function extraPythonPathOf(src: FileSource, pythonRoot: string): string[] {
  const manage = src.read(joinPath(pythonRoot, 'manage.py'));
  if (manage === null) return [];
  return readSysPathAdditions(manage)
    .map((folder) => normalizeRelativePath(folder))
    .filter((folder) => folder !== '' && src.isDirectory(joinPath(pythonRoot, folder)));
}

/**
 * The entry point: WSGI unless the project is ASGI-only or its ASGI module serves Channels
 * consumers (websockets), which a WSGI server cannot.
 */
function chooseEntryPoint(
  src: FileSource,
  wsgi: WsgiEntry | null,
  asgi: WsgiEntry | null,
  projectRoot: string,
): EntryPoint | null {
  const where = (entry: WsgiEntry) =>
    entry.file === null ? entry.module : relativePath(projectRoot, entry.file);
  const asgiText = asgi?.file ? src.read(asgi.file) : null;
  if (asgi !== null && (wsgi === null || (asgiText !== null && usesChannels(asgiText)))) {
    return {
      kind: 'asgi',
      module: asgi.module,
      callable: asgi.callable,
      reason:
        wsgi === null
          ? `${where(asgi)} is the only entry point (no WSGI module)`
          : `${where(asgi)} routes Channels consumers, which a WSGI server cannot serve`,
    };
  }
  if (wsgi === null) return null;
  return {
    kind: 'wsgi',
    module: wsgi.module,
    callable: wsgi.callable,
    reason: `${where(wsgi)} builds the WSGI application`,
  };
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

  const pythonPath = [
    pythonRoot,
    ...extraPythonPathOf(src, pythonRoot).map((folder) => joinPath(pythonRoot, folder)),
  ];

  const manageText = src.read(joinPath(pythonRoot, 'manage.py'));
  const manageDefault = manageText === null ? null : readSettingsModuleDefault(manageText);
  const entryDefault = entrySettingsDefault(src, pythonPath);
  const named = manageDefault ?? entryDefault?.module ?? null;
  // With no default anywhere, the settings chosen for the image serve manage.py too.
  const fallback =
    settingsOverride === null && named === null
      ? chooseImageSettings(src, projectRoot, pythonPath, {
          override: null,
          manage: null,
          entry: null,
          entryFile: null,
        })
      : null;
  const settingsModule = settingsOverride ?? named ?? fallback?.module ?? null;
  if (settingsModule === null) {
    const where =
      manageText === null
        ? `no manage.py in "${relativePath(projectRoot, pythonRoot) || '.'}"`
        : `no os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...) in ` +
          relativePath(projectRoot, joinPath(pythonRoot, 'manage.py'));
    throw new DjangoDetectionError(
      `Could not find the settings module for "${label(projectRoot)}": ${where}, no wsgi.py ` +
        `setting a default and no settings module to pick. Pass --settingsModule.`,
      projectRoot,
    );
  }
  const settings = resolveModule(src, pythonPath, settingsModule);

  let wsgi: WsgiEntry | null;
  let asgi: WsgiEntry | null = null;
  let entryPoint: EntryPoint | null;
  if (wsgiOverride !== null) {
    const file = resolveModule(src, pythonPath, wsgiOverride.module)?.file ?? null;
    const given: WsgiEntry = { ...wsgiOverride, file };
    // --wsgiModule may name an ASGI module (the record of an ASGI project says it that way).
    const isAsgi = isAsgiModule(file === null ? null : src.read(file));
    wsgi = isAsgi ? null : given;
    asgi = isAsgi ? given : null;
    entryPoint = {
      kind: isAsgi ? 'asgi' : 'wsgi',
      ...wsgiOverride,
      reason: '--wsgiModule names it',
    };
  } else {
    wsgi = findWsgi(src, pythonPath, settingsModule, settings);
    asgi = findAsgi(src, pythonPath, wsgi?.module ?? `${settingsModule.split('.')[0]}.wsgi`);
    entryPoint = chooseEntryPoint(src, wsgi, asgi, projectRoot);
  }
  if (entryPoint === null && !overrides.commandGiven) {
    const where =
      settings === null
        ? `settings module "${settingsModule}" not found`
        : `no WSGI_APPLICATION in ${relativePath(projectRoot, settings.path)}`;
    throw new DjangoDetectionError(
      `Could not find the WSGI module for "${label(projectRoot)}": ${where}, no wsgi.py calling ` +
        `get_wsgi_application and no asgi.py. Pass --wsgiModule, or --command to run something else.`,
      projectRoot,
    );
  }
  const entryFile =
    entryPoint === null ? null : (resolveModule(src, pythonPath, entryPoint.module)?.file ?? null);

  // cookiecutter-django: manage.py defaults to settings.local, wsgi.py to settings.production.
  const entryText = entryFile === null ? null : src.read(entryFile);
  const entrySettings = entryText === null ? null : readSettingsModuleDefault(entryText);
  const choice = chooseImageSettings(src, projectRoot, pythonPath, {
    override: settingsOverride,
    manage: manageDefault,
    entry: entrySettings ?? entryDefault?.module ?? null,
    entryFile: entrySettings !== null ? entryFile : (entryDefault?.file ?? null),
  }) ?? { module: settingsModule, reason: `manage.py defaults to ${settingsModule}` };
  const imageSettingsModule = choice.module;
  const imageSettings =
    imageSettingsModule === settingsModule
      ? settings
      : resolveModule(src, pythonPath, imageSettingsModule);

  return {
    djangoRoot,
    settingsModule,
    imageSettingsModule,
    imageSettingsReason: choice.reason,
    wsgiModule: entryPoint?.module ?? '',
    wsgiCallable: entryPoint?.callable ?? 'application',
    entryPoint,
    extraPythonPath: pythonPath.slice(1).map((p) => relativePath(pythonRoot, p)),
    staticFiles: detectStaticSettings(src, projectRoot, pythonPath, imageSettings),
    environment: detectSettingsEnvironment(src, projectRoot, pythonPath, imageSettings),
    settingsPath: fromProject(settings?.path),
    imageSettingsPath: fromProject(imageSettings?.path),
    wsgiPath: wsgi?.file && src.isFile(wsgi.file) ? fromProject(wsgi.file) : null,
    asgiModule: asgi?.module ?? null,
  };
}
