// Local path references in a pyproject.toml: uv sources and workspace members, Poetry path
// dependencies, PEP 508 `name @ file:` entries (PEP 621, dependency groups, PDM).
import * as path from 'node:path';
import { toPosix } from '../files/workspace-paths';
import type {
  ManifestParseOptions,
  PyprojectManifest,
  PythonPathRef,
  PythonWorkspaceRef,
} from './manifest-refs';
import { normalizePythonName, readDirectReference } from './names';
import { fileUrlTarget, resolveRef, tomlPathTarget, type RefTarget } from './ref-targets';
import { isTomlTable, parseToml, type TomlTable, type TomlValue } from './toml';

/**
 * Words without which a pyproject.toml names no local path: path tables, `file:` URLs, `{root}`
 * placeholders, uv workspace members; and a backslash, since TOML escapes could spell them
 * otherwise. Most libraries' manifests have none, and not parsing them took 40 ms off a cold
 * graph of 450 libraries (graph-time profile, 2026-12-02).
 */
const MAY_NAME_LOCAL_PATH = /path|file:|\{root|workspace|\\/;

/** Whether a pyproject.toml can hold a local reference at all (false: no need to parse it). */
export function pyprojectMayReferencePaths(text: string): boolean {
  return MAY_NAME_LOCAL_PATH.test(text);
}

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

function table(parent: TomlTable | undefined, key: string): TomlTable | undefined {
  const value = parent?.[key];
  return isTomlTable(value) ? value : undefined;
}

function array(parent: TomlTable | undefined, key: string): TomlValue[] {
  const value = parent?.[key];
  return Array.isArray(value) ? value : [];
}
