// The settings module the image runs: production settings, even when manage.py and wsgi.py
// default to development ones, with the reason the generator prints.
import { joinPath, relativePath, type FileSource } from '../files/file-source';
import { compareStrings, subdirectories } from './django-root';
import { resolveImport, resolveModule, type PythonPath, type ResolvedModule } from './modules';
import { isPythonIdentifier, readStarImports, stripPythonComments } from './python-source';

/** Module names meant for a developer's machine. */
export const DEVELOPMENT_MODULES: readonly string[] = [
  'dev',
  'develop',
  'development',
  'local',
  'devel',
];
/** Module names meant for a deployment, best first. */
export const PRODUCTION_MODULES: readonly string[] = [
  'production',
  'prod',
  'product',
  'deploy',
  'live',
  'docker',
];
/** Module names of the shared base a production module imports. */
const BASE_MODULES: readonly string[] = ['base', 'common', 'core', 'defaults', 'default', 'shared'];

export interface ImageSettingsChoice {
  module: string;
  /** Why this module, for the generator to print: "chose X because Y". */
  reason: string;
}

export interface SettingsDefaults {
  /** --settingsModule. */
  override: string | null;
  /** manage.py's DJANGO_SETTINGS_MODULE default. */
  manage: string | null;
  /** The WSGI (or ASGI) module's default. */
  entry: string | null;
  /** Workspace-relative file of that module, for the reason. */
  entryFile: string | null;
}

const lastPart = (module: string) => module.slice(module.lastIndexOf('.') + 1);
const parentModule = (module: string) => module.split('.').slice(0, -1).join('.');

/** A file with no statement: an empty `__init__.py`, or one with only comments and a docstring. */
function isEmptyModule(text: string | null): boolean {
  if (text === null) return true;
  const code = stripPythonComments(text)
    .replace(/^\s*(?:"""[\s\S]*?"""|'''[\s\S]*?''')/, '')
    .trim();
  return code === '';
}

/** Whether `module` star-imports a development module (djangoproject.com's docker.py imports dev). */
function importsDevelopment(src: FileSource, resolved: ResolvedModule): boolean {
  const text = src.read(resolved.file) ?? '';
  return readStarImports(text).some((imported) => {
    const target = resolveImport(imported, resolved.module, resolved.isPackage);
    return target !== null && DEVELOPMENT_MODULES.includes(lastPart(target));
  });
}

/** The production module inside package `pkg`: production, prod, product, deploy, live, docker. */
function productionIn(src: FileSource, path: PythonPath, pkg: string): ResolvedModule | null {
  for (const name of PRODUCTION_MODULES) {
    const resolved = resolveModule(src, path, pkg === '' ? name : `${pkg}.${name}`);
    if (resolved !== null && !importsDevelopment(src, resolved)) return resolved;
  }
  return null;
}

/**
 * The production-named variants beside `module` (`settings_production.py`, `prod_settings.py`...,
 * best first) that do not import a development module. `module` itself need not exist.
 */
function productionVariants(src: FileSource, path: PythonPath, module: string): ResolvedModule[] {
  const pkg = parentModule(module);
  const base = lastPart(module);
  return PRODUCTION_MODULES.flatMap((name) => [`${base}_${name}`, `${name}_${base}`])
    .map((candidate) => resolveModule(src, path, pkg === '' ? candidate : `${pkg}.${candidate}`))
    .filter((resolved): resolved is ResolvedModule => resolved !== null)
    .filter((resolved) => !importsDevelopment(src, resolved));
}

/**
 * A production overlay beside a flat settings module: `settings_prod.py`, `prod_settings.py`,
 * `settings_production.py`... that star-imports it (and does not import a development module).
 */
function productionOverlay(
  src: FileSource,
  path: PythonPath,
  settings: ResolvedModule,
): ResolvedModule | null {
  const overlays = productionVariants(src, path, settings.module).filter((resolved) =>
    readStarImports(src.read(resolved.file) ?? '')
      .map((imported) => resolveImport(imported, resolved.module, resolved.isPackage))
      .includes(settings.module),
  );
  return overlays[0] ?? null;
}

/** Module names for tests and CI, never what an image serves. */
const TEST_MODULES: readonly string[] = ['test', 'tests', 'testing', 'ci', 'pytest'];

/**
 * Whether a settings module reads like a deployment's, whatever its name: it switches DEBUG off
 * (`DEBUG = False`, `DEBUG = TEMPLATE_DEBUG = False`) and takes SECRET_KEY from somewhere other
 * than a string literal (the environment, a secrets file). A static-asset build module that
 * turns DEBUG off but keeps the base's key does not.
 */
function readsLikeDeployment(text: string): boolean {
  const code = stripPythonComments(text);
  return (
    /^DEBUG\s*=\s*(?:[A-Z_]+\s*=\s*)*False\b/m.test(code) &&
    /^SECRET_KEY\s*(?::[^=\n]*)?=\s*(?![rbuRBU]?['"])\S/m.test(code)
  );
}

/**
 * The one module of package `pkg` that reads like a deployment's (pythondotorg's
 * settings/cabotage.py, named after its platform), leaving out development, test and base
 * modules and any that import a development module. Null when none or several do.
 */
function deploymentIn(
  src: FileSource,
  path: PythonPath,
  pkg: string,
  except: string,
): ResolvedModule | null {
  const folder = resolveModule(src, path, pkg);
  if (folder === null || !folder.isPackage) return null;
  const found = src
    .children(folder.path)
    .filter((name) => name.endsWith('.py') && name !== '__init__.py')
    .map((name) => name.slice(0, -3))
    .filter(
      (name) =>
        isPythonIdentifier(name) &&
        ![...DEVELOPMENT_MODULES, ...TEST_MODULES, ...BASE_MODULES].includes(name),
    )
    .sort(compareStrings)
    .flatMap((name) => {
      const resolved = resolveModule(src, path, `${pkg}.${name}`);
      return resolved === null ||
        resolved.module === except ||
        importsDevelopment(src, resolved) ||
        !readsLikeDeployment(src.read(resolved.file) ?? '')
        ? []
        : [resolved];
    });
  return found.length === 1 ? found[0] : null;
}

function baseIn(src: FileSource, path: PythonPath, pkg: string): ResolvedModule | null {
  for (const name of BASE_MODULES) {
    const resolved = resolveModule(src, path, `${pkg}.${name}`);
    if (resolved !== null) return resolved;
  }
  return null;
}

/**
 * Settings modules of the project when nothing names one: `<pkg>/settings/` packages and
 * `<pkg>/settings.py` files up to three folders below the Django root, shallowest first.
 */
export function findSettingsModules(src: FileSource, pythonRoot: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, prefix: string[], depth: number) => {
    for (const name of subdirectories(src, dir).filter(isPythonIdentifier)) {
      const folder = joinPath(dir, name);
      if (name === 'settings') found.push([...prefix, name].join('.'));
      else if (depth < 3) walk(folder, [...prefix, name], depth + 1);
    }
    for (const name of src.children(dir).filter((n) => n === 'settings.py')) {
      if (prefix.length > 0 && src.isFile(joinPath(dir, name)))
        found.push([...prefix, 'settings'].join('.'));
    }
  };
  walk(pythonRoot, [], 0);
  return [...new Set(found)].sort(
    (a, b) => a.split('.').length - b.split('.').length || compareStrings(a, b),
  );
}

/**
 * The settings for the image: --settingsModule; else the entry module's default over
 * manage.py's (cookiecutter-django: manage.py says local, wsgi.py production); but a
 * development module (dev, local, ...) or a shared base (base, common) gives way to a
 * production sibling (production, prod, product, deploy, live, docker) that does not itself
 * import a development module (else, for a development default, the one sibling that turns
 * DEBUG off and reads SECRET_KEY from outside the file), a package with an empty __init__.py to the production (else
 * base) module inside it, and a flat module to a production overlay beside it that star-imports
 * it (settings.py and settings_prod.py). A named module the repository does not hold gives way to
 * its production variant beside it (a git-ignored toolkit/settings.py linked to
 * settings_production.py). Null when nothing is named and no settings module is found.
 */
export function chooseImageSettings(
  src: FileSource,
  projectRoot: string,
  path: PythonPath,
  defaults: SettingsDefaults,
): ImageSettingsChoice | null {
  if (defaults.override !== null) {
    return { module: defaults.override, reason: '--settingsModule names it' };
  }
  const show = (resolved: ResolvedModule) => relativePath(projectRoot, resolved.path);
  const pythonRoot = typeof path === 'string' ? path : path[0];
  let named: string;
  let said: string;
  named = defaults.entry ?? defaults.manage ?? '';
  if (defaults.entry !== null && defaults.manage !== null && defaults.entry !== defaults.manage) {
    said = `${relativePath(projectRoot, defaults.entryFile ?? '')} defaults to ${defaults.entry} (manage.py to ${defaults.manage})`;
  } else if (defaults.entry !== null && defaults.manage !== null) {
    said = `manage.py and ${relativePath(projectRoot, defaults.entryFile ?? '')} default to ${named}`;
  } else if (defaults.entry !== null || defaults.manage !== null) {
    said = `${defaults.entry !== null ? relativePath(projectRoot, defaults.entryFile ?? '') : 'manage.py'} defaults to ${named}`;
  } else {
    const [found] = findSettingsModules(src, pythonRoot);
    if (found === undefined) return null;
    named = found;
    said = `no DJANGO_SETTINGS_MODULE default in manage.py or the WSGI module; ${found} is the project's settings`;
  }
  const resolved = resolveModule(src, path, named);
  if (resolved === null) {
    // Git-ignored, or a link a Dockerfile makes (toolkit/settings.py -> settings_production.py).
    const [variant] = productionVariants(src, path, named);
    return variant === undefined
      ? { module: named, reason: said }
      : {
          module: variant.module,
          reason: `${said}, which the repository does not hold; ${show(variant)} is its production variant`,
        };
  }
  if (resolved.isPackage && isEmptyModule(src.read(resolved.file))) {
    const inner = productionIn(src, path, named) ?? baseIn(src, path, named);
    if (inner !== null) {
      return {
        module: inner.module,
        reason: `${said}, a package with nothing in its __init__.py; ${show(inner)} is its ${
          PRODUCTION_MODULES.includes(lastPart(inner.module)) ? 'production' : 'base'
        } module`,
      };
    }
    return { module: named, reason: said };
  }
  const name = lastPart(named);
  const kind = DEVELOPMENT_MODULES.includes(name)
    ? 'a development module'
    : BASE_MODULES.includes(name)
      ? 'a shared base'
      : null;
  const sibling =
    kind === null || resolved.isPackage ? null : productionIn(src, path, parentModule(named));
  if (sibling !== null && sibling.module !== named) {
    return {
      module: sibling.module,
      reason: `${said}, ${kind}; ${show(sibling)} is its production sibling`,
    };
  }
  const deployment =
    kind === 'a development module' && !resolved.isPackage && parentModule(named) !== ''
      ? deploymentIn(src, path, parentModule(named), named)
      : null;
  if (deployment !== null) {
    return {
      module: deployment.module,
      reason: `${said}, a development module; ${show(deployment)} turns DEBUG off and reads SECRET_KEY from the environment, so it is the deployment's`,
    };
  }
  const overlay = resolved.isPackage ? null : productionOverlay(src, path, resolved);
  if (overlay !== null) {
    return {
      module: overlay.module,
      reason: `${said}; ${show(overlay)} imports it and overrides it for production`,
    };
  }
  return { module: named, reason: said };
}
