// The manifests of a Python project (requirements files and pyproject.toml) and the local
// path references they declare. The readers take text and a workspace-relative path and
// return workspace-relative POSIX paths; mapping those paths to Nx projects is the caller's
// job. Requirements: requirements-refs.ts; pyproject.toml: pyproject-refs.ts.
import { normalizeRoot, relativeToRoot, toPosix } from '../files/workspace-paths';

export { parseRequirements } from './requirements-refs';
export { parsePyproject, pyprojectMayReferencePaths } from './pyproject-refs';

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
