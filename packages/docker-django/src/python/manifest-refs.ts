// Pure parsers for the local path references a Python project declares in its manifests
// (requirements files and pyproject.toml). They take text and a workspace-relative path and
// return workspace-relative POSIX paths; mapping those paths to Nx projects is the caller's job.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeRoot, relativeToRoot, toPosix } from '../files/workspace-paths';
import { normalizePythonName, readDirectReference } from './names';
import { hasUrlScheme, isFileInclude, readRequirementsFile, shellWords } from './requirements';
import { isTomlTable, parseToml, type TomlTable, type TomlValue } from './toml';

/** A local path reference declared by a manifest. */
export interface PythonPathRef {
  /** Workspace-relative POSIX path of the file that declares the reference. */
  manifest: string;
  /** Workspace-relative POSIX path it points at (`.` is the workspace root). */
  path: string;
  /**
   * For a requirements file outside its base folder (`requirements/dev.txt`): where the
   * reference lands when read relative to the file's own folder instead. Set only when that
   * differs from `path`; callers try it when `path` matches no project.
   */
  fallbackPath?: string;
  /** PEP 503-normalised distribution name, when the syntax names one. */
  name?: string;
}

/** `[tool.uv.sources] x = { workspace = true }`: the uv workspace member named `name`. */
export interface PythonWorkspaceRef {
  manifest: string;
  /** PEP 503-normalised distribution name. */
  name: string;
}

export interface RequirementsManifest {
  refs: PythonPathRef[];
  /** Workspace-relative paths of the files pulled in with `-r` / `-c`, in order. */
  includes: string[];
}

export interface PyprojectManifest {
  /** PEP 503-normalised `[project] name`, when declared. */
  projectName?: string;
  refs: PythonPathRef[];
  workspaceRefs: PythonWorkspaceRef[];
}

export interface ManifestParseOptions {
  /**
   * Absolute path of the workspace root. Absolute paths and `file:///` URLs are kept only
   * when they point inside it; without it they are ignored.
   */
  workspaceRoot?: string;
}

export interface RequirementsParseOptions extends ManifestParseOptions {
  /**
   * Workspace-relative folder that requirement paths (`-e ../x`, `../x`, `x @ file:../x`)
   * are resolved from. pip and uv resolve them from the current directory, not from the
   * file (pypa/pip#8765, astral-sh/uv#1421); for a project that is its root. Defaults to
   * the manifest's own folder. `-r` / `-c` includes are always relative to the file.
   */
  baseDir?: string;
}

export type ManifestKind = 'requirements' | 'pyproject';

/**
 * Which kind of manifest `file` is for a project rooted at `projectRoot` (both
 * workspace-relative): `requirements*.txt` / `requirements*.in` in the root, any `.txt` /
 * `.in` in a `requirements/` folder, or `pyproject.toml` in the root.
 */
export function manifestKind(file: string, projectRoot: string): ManifestKind | undefined {
  const relative = relativeToRoot(toPosix(file), normalizeRoot(projectRoot));
  if (relative === undefined) {
    return undefined;
  }
  if (relative === 'pyproject.toml') {
    return 'pyproject';
  }
  if (
    /^requirements[^/]*\.(txt|in)$/.test(relative) ||
    /^requirements\/[^/]+\.(txt|in)$/.test(relative)
  ) {
    return 'requirements';
  }
  return undefined;
}

// ---- requirements files --------------------------------------------------------------------

/**
 * Local references in a pip requirements file: `-e <path>`, `--editable[=]<path>`, bare
 * paths (`./x`, `../x`, `/abs/x`), `file:` URLs and `name @ file:...`; plus the `-r` / `-c`
 * files it includes. Comments, other options, environment markers and extras are ignored.
 */
export function parseRequirements(
  text: string,
  manifestPath: string,
  options: RequirementsParseOptions = {},
): RequirementsManifest {
  const manifest = toPosix(manifestPath);
  const manifestDir = path.posix.dirname(manifest);
  const baseDir = options.baseDir === undefined ? manifestDir : normalizeRoot(options.baseDir);
  const refs: PythonPathRef[] = [];
  const includes: string[] = [];

  const addRef = (target: RefTarget | undefined, name?: string) => {
    if (!target) {
      return;
    }
    const ref = resolveRef(target, {
      manifest,
      manifestDir,
      baseDir,
      workspaceRoot: options.workspaceRoot,
    });
    if (ref) {
      refs.push(name ? { ...ref, name: normalizePythonName(name) } : ref);
    }
  };

  const file = readRequirementsFile(text);
  for (const include of file.includes) {
    if (isFileInclude(include.path)) {
      const included = resolveRelative(manifestDir, include.path, options.workspaceRoot);
      if (included !== undefined) {
        includes.push(included);
      }
    }
  }
  for (const install of file.installs) {
    if (install.editable) {
      addRef(editableTarget(install.spec));
      continue;
    }
    const requirement = readRequirement(install.spec);
    if (requirement) {
      addRef(requirement.target, requirement.name);
    }
  }
  return { refs, includes };
}

type RefTarget =
  /** A path relative to the base folder (requirements) or to the manifest (pyproject). */
  | { anchor: 'base'; path: string }
  /** A path relative to the manifest's folder, whatever the base folder. */
  | { anchor: 'manifest'; path: string }
  | { anchor: 'absolute'; path: string };

function editableTarget(value: string): RefTarget | undefined {
  const spec = stripMarker(value);
  if (spec.startsWith('file:')) {
    return fileUrlTarget(spec);
  }
  if (hasUrlScheme(spec) || spec.includes('${')) {
    return undefined; // a VCS or remote URL, or an unexpanded variable
  }
  return pathTarget(spec);
}

function readRequirement(line: string): { target: RefTarget; name?: string } | undefined {
  // Per-requirement options (`--hash=...`, `--config-settings ...`) follow the requirement.
  const words = shellWords(line);
  const optionAt = words.findIndex((word) => word.startsWith('-'));
  const spec = stripMarker((optionAt === -1 ? words : words.slice(0, optionAt)).join(' '));
  if (spec.includes('${')) {
    return undefined;
  }
  if (isPathLike(spec)) {
    const target = pathTarget(spec);
    return target && { target };
  }
  if (spec.startsWith('file:')) {
    const target = fileUrlTarget(spec);
    return target && { target };
  }
  const direct = readDirectReference(spec);
  if (direct?.url.startsWith('file:')) {
    const target = fileUrlTarget(direct.url);
    return target && { target, name: direct.name };
  }
  return undefined;
}

/**
 * Drops an environment marker (`; python_version < "3.12"`). Like pip, a URL keeps a `;`
 * that has no whitespace before it; anything else is cut at the first `;`.
 */
function stripMarker(spec: string): string {
  const isUrl = /^[A-Za-z][A-Za-z0-9+.-]+:/.test(spec);
  const at = isUrl ? spec.search(/\s;/) : spec.indexOf(';');
  return (at === -1 ? spec : spec.slice(0, at)).trim();
}

function isPathLike(spec: string): boolean {
  return /^\.\.?([\\/]|$)|^\.\.?\[/.test(spec) || spec.startsWith('/');
}


/** `../x[dev]#egg=x` → `../x` (absolute when it starts with `/`). */
function pathTarget(spec: string): RefTarget | undefined {
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
function fileUrlTarget(url: string): RefTarget | undefined {
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

// ---- pyproject.toml ------------------------------------------------------------------------

/**
 * Local references in a pyproject.toml: `[tool.uv.sources]` (`path` and `workspace = true`),
 * poetry `path` dependencies (main, legacy dev and group tables), and `name @ file:...` entries
 * of `[project] dependencies` / `optional-dependencies`, `[dependency-groups]` and PDM's
 * `dev-dependencies`. Paths are relative to the manifest's folder.
 *
 * @throws TomlSyntaxError when the file is not valid TOML.
 */
export function parsePyproject(
  text: string,
  manifestPath: string,
  options: ManifestParseOptions = {},
): PyprojectManifest {
  const manifest = toPosix(manifestPath);
  const manifestDir = path.posix.dirname(manifest);
  const doc = parseToml(text, manifest);
  const refs: PythonPathRef[] = [];
  const workspaceRefs: PythonWorkspaceRef[] = [];

  const addRef = (target: RefTarget | undefined, name: string | undefined) => {
    const ref =
      target &&
      resolveRef(target, {
        manifest,
        manifestDir,
        baseDir: manifestDir,
        workspaceRoot: options.workspaceRoot,
      });
    if (ref) {
      refs.push(name ? { ...ref, name: normalizePythonName(name) } : ref);
    }
  };
  const addPep508 = (entry: TomlValue) => {
    if (typeof entry !== 'string') {
      return; // e.g. { include-group = "test" } in [dependency-groups]
    }
    // PDM writes editable dev dependencies as "-e file:///${PROJECT_ROOT}/../x#egg=x".
    const spec = entry.trim().replace(/^(-e|--editable)\s+/, '');
    if (spec.startsWith('file:') || spec.startsWith('{root')) {
      addRef(fileUrlTarget(spec.split(/\s/)[0]), undefined);
      return;
    }
    const direct = readDirectReference(spec);
    if (direct && (direct.url.startsWith('file:') || direct.url.startsWith('{root'))) {
      addRef(fileUrlTarget(direct.url), direct.name);
    }
  };
  const addPathTables = (name: string, value: TomlValue | undefined) => {
    // A source or poetry dependency is one inline table, or an array of them with markers.
    for (const entry of Array.isArray(value) ? value : [value]) {
      if (isTomlTable(entry) && typeof entry.path === 'string') {
        addRef(tomlPathTarget(entry.path), name);
      }
    }
  };

  const project = table(doc, 'project');
  const rawName = project?.name;
  for (const entry of array(project, 'dependencies')) {
    addPep508(entry);
  }
  for (const group of Object.values(table(project, 'optional-dependencies') ?? {})) {
    (Array.isArray(group) ? group : []).forEach(addPep508);
  }
  for (const group of Object.values(table(doc, 'dependency-groups') ?? {})) {
    (Array.isArray(group) ? group : []).forEach(addPep508);
  }
  const tool = table(doc, 'tool');
  for (const group of Object.values(table(table(tool, 'pdm'), 'dev-dependencies') ?? {})) {
    (Array.isArray(group) ? group : []).forEach(addPep508);
  }

  const uvSources = table(table(tool, 'uv'), 'sources') ?? {};
  for (const [name, value] of Object.entries(uvSources)) {
    addPathTables(name, value);
    for (const entry of Array.isArray(value) ? value : [value]) {
      if (isTomlTable(entry) && entry.workspace === true) {
        workspaceRefs.push({ manifest, name: normalizePythonName(name) });
      }
    }
  }

  const poetry = table(tool, 'poetry');
  const poetryTables = [table(poetry, 'dependencies'), table(poetry, 'dev-dependencies')];
  for (const group of Object.values(table(poetry, 'group') ?? {})) {
    poetryTables.push(isTomlTable(group) ? table(group, 'dependencies') : undefined);
  }
  for (const dependencies of poetryTables) {
    for (const [name, value] of Object.entries(dependencies ?? {})) {
      addPathTables(name, value);
    }
  }

  return {
    ...(typeof rawName === 'string' && rawName.trim() !== ''
      ? { projectName: normalizePythonName(rawName) }
      : {}),
    refs,
    workspaceRefs,
  };
}

function tomlPathTarget(value: string): RefTarget | undefined {
  if (value.trim() === '' || value.includes('${')) {
    return undefined;
  }
  const cleaned = toPosix(value.trim());
  return cleaned.startsWith('/') || path.isAbsolute(value)
    ? { anchor: 'absolute', path: value.trim() }
    : { anchor: 'base', path: cleaned };
}

function table(parent: TomlTable | undefined, key: string): TomlTable | undefined {
  const value = parent?.[key];
  return isTomlTable(value) ? value : undefined;
}

function array(parent: TomlTable | undefined, key: string): TomlValue[] {
  const value = parent?.[key];
  return Array.isArray(value) ? value : [];
}

// ---- paths ---------------------------------------------------------------------------------

interface ResolveContext {
  manifest: string;
  manifestDir: string;
  baseDir: string;
  workspaceRoot?: string;
}

function resolveRef(target: RefTarget, context: ResolveContext): PythonPathRef | undefined {
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
function resolveRelative(
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
