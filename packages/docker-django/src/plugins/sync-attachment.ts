// Whether an inferred compose-build declares the sync generator. Nx runs every declared sync
// generator before the task, about 1.3 s per `nx run`, so it goes only where docker-django:sync
// can change something: an app whose compose.yaml carries the generator's record and that
// installs workspace libraries now (requirements / pyproject path references: the app has just
// started to use one, or still does) or did when its files were written (the record lists
// libraries: it may just have stopped). The references come from the same manifests and readers
// the sync generator uses, and those files are createNodes inputs, so a project that adds
// `-e ../../libs/x` gets the sync generator on the next graph computation.
import { parseYaml } from '../files/plain-yaml';
import { joinPath, type FileSource } from '../files/file-source';
import { normalizeRoot } from '../files/workspace-paths';
import { generatorRecordOf } from '../nx/generator-record';
import { DEFAULT_COMPOSE_FILE } from '../nx/compose-targets';
import {
  manifestKind,
  parsePyproject,
  parseRequirements,
  type PythonPathRef,
} from '../python/manifest-refs';

export interface Manifest {
  /** Workspace-relative POSIX path. */
  path: string;
  text: string;
}

/**
 * The requirements files and pyproject.toml of a project, the manifests that can name a local
 * library (the project root and its `requirements/` folder, as the sync generator reads them).
 */
export function manifestsOf(files: FileSource, projectRoot: string): Manifest[] {
  const root = projectRoot === '.' ? '' : projectRoot;
  const requirementsDir = joinPath(root, 'requirements');
  const candidates = [
    ...files.children(root).map((name) => joinPath(root, name)),
    ...files.children(requirementsDir).map((name) => joinPath(requirementsDir, name)),
  ].sort();
  const manifests: Manifest[] = [];
  for (const path of candidates) {
    if (manifestKind(path, normalizeRoot(projectRoot)) === undefined) continue;
    const text = files.read(path);
    if (text !== null) manifests.push({ path, text });
  }
  return manifests;
}

/** The library list of compose.yaml's `x-docker-django` record; null without a record. */
export function recordedLibraries(
  composeText: string | null,
  composeDocument?: unknown,
): string[] | null {
  if (composeText === null || !composeText.includes('x-docker-django')) return null;
  try {
    const document = composeDocument === undefined ? parseYaml(composeText) : composeDocument;
    // Undoubled as the sync generator reads it, so a `libs/a$b` library is the one it compares.
    const libraries = generatorRecordOf(document)?.libraries;
    return Array.isArray(libraries) ? libraries.map(String) : null;
  } catch {
    return null;
  }
}

function pathRefs(manifest: Manifest, projectRoot: string): PythonPathRef[] {
  try {
    return manifestKind(manifest.path, projectRoot) === 'pyproject'
      ? parsePyproject(manifest.text, manifest.path).refs
      : parseRequirements(manifest.text, manifest.path, { baseDir: projectRoot }).refs;
  } catch {
    // A manifest that does not parse names no library here; createDependencies reports it.
    return [];
  }
}

/**
 * Whether a manifest references a path other than the project itself (`-e .`). Without the
 * project graph a reference cannot be matched to a project, so any other path counts: at worst
 * the sync generator runs and finds nothing to do.
 */
export function referencesOtherPaths(manifests: Manifest[], projectRoot: string): boolean {
  const root = normalizeRoot(projectRoot);
  return manifests.some((manifest) => pathRefs(manifest, root).some((ref) => ref.path !== root));
}

export interface SyncInputs {
  projectRoot: string;
  /** The compose file createNodes infers from (the sync generator reads only compose.yaml). */
  composeName: string;
  composeText: string | null;
  /** composeText parsed, when the caller has it (null: it does not parse). */
  composeDocument?: unknown;
  manifests: Manifest[];
}

export function needsSyncGenerator(inputs: SyncInputs): boolean {
  if (inputs.composeName !== DEFAULT_COMPOSE_FILE) return false;
  const recorded = recordedLibraries(inputs.composeText, inputs.composeDocument);
  if (recorded === null) return false;
  return recorded.length > 0 || referencesOtherPaths(inputs.manifests, inputs.projectRoot);
}
