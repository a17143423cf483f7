// Django layout detection: where manage.py is, which settings, which WSGI/ASGI entry points.
// Shared by the init generator (through the Nx Tree) and the inference plugin (on disk); no
// Nx import here. The pieces: django-root.ts, modules.ts, settings-chain.ts, entry-points.ts.
import {
  joinPath,
  normalizeRelativePath,
  relativePath,
  type FileSource,
} from '../files/file-source';
import { DjangoDetectionError, label } from './detection-error';
import { findDjangoRoot } from './django-root';
import { detectAsgiModule, detectSettingsModule, detectWsgi, type WsgiEntry } from './entry-points';
import { resolveModule } from './modules';
import { isDottedModule, isPythonIdentifier, readSettingsModuleDefault } from './python-source';

export { DjangoDetectionError } from './detection-error';
export { findDjangoRoot, SKIPPED_DIRECTORIES } from './django-root';

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
