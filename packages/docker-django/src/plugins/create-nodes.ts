import {
  createNodesFromFiles,
  hashArray,
  type CreateNodesContextV2,
  type CreateNodesResult,
  type CreateNodesV2,
  type TargetConfiguration,
} from '@nx/devkit';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { COMPOSE_FILE_NAMES, composeTargets, type ComposeTargetNames } from '../nx/compose-targets';
import { findDjangoRoot } from '../django/detect-django-layout';
import { fsFileSource, joinPath } from '../files/file-source';
import { BoundedCache } from './inferred-cache';
import { getTomlValue, tryParseToml } from '../python/toml';
import { dockerignoreInputs } from './dockerignore-inputs';
import { normalizePluginOptions, type DockerDjangoPluginOptions } from './plugin-options';

export const COMPOSE_FILE_GLOB = `**/{${COMPOSE_FILE_NAMES.join(',')}}`;

function readIfExists(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf-8') : null;
}

// The name a project without project.json gets: its pyproject [project] name, else its folder.
function pyprojectName(pyproject: string | null, projectRoot: string): string {
  const table = tryParseToml(pyproject);
  const name = table ? getTomlValue(table, 'project.name') : undefined;
  return typeof name === 'string' && name ? name : basename(projectRoot);
}

function buildInputs(ignoreFile: ContextIgnoreFile): TargetConfiguration['inputs'] {
  return [
    '{projectRoot}/**/*',
    ...dockerignoreInputs(ignoreFile.text, ignoreFile.contextPrefix),
    // A workspace library the app installs by path is part of the image (see createDependencies).
    '^{projectRoot}/**/*',
    { env: 'PYTHON_VERSION' },
  ];
}

interface ContextIgnoreFile {
  text: string | null;
  /** Set when the file filters the workspace root (Dockerfile.dockerignore): the app's prefix there. */
  contextPrefix?: string;
}

// BuildKit prefers a Dockerfile.dockerignore beside the Dockerfile (the generator writes one
// for apps built from the workspace root) over the context's .dockerignore.
function contextIgnoreFile(absoluteRoot: string, projectRoot: string): ContextIgnoreFile {
  const dockerfileIgnore = readIfExists(join(absoluteRoot, 'Dockerfile.dockerignore'));
  if (dockerfileIgnore !== null)
    return { text: dockerfileIgnore, contextPrefix: `${projectRoot}/` };
  return { text: readIfExists(join(absoluteRoot, '.dockerignore')) };
}

function inferTargets(
  projectRoot: string,
  names: ComposeTargetNames,
  ignoreFile: ContextIgnoreFile,
  composeFile: string,
) {
  const targets = composeTargets(projectRoot, names, composeFile);
  const build = targets[names.buildTargetName];
  // Not cached by Nx: a cache hit would replay a log and leave no image behind. The executor
  // tags each image with this task's hash instead and skips the build when that tag exists,
  // so a rebuild happens exactly when an input changed or the image is gone.
  build.cache = false;
  build.inputs = buildInputs(ignoreFile);
  build.metadata = {
    ...build.metadata,
    help: {
      command: 'docker compose build --help',
      example: { options: { noCache: true, pull: true } },
    },
  };
  targets[names.upTargetName].cache = false;
  targets[names.upTargetName].metadata = {
    ...targets[names.upTargetName].metadata,
    help: { command: 'docker compose up --help', example: { options: { attach: true } } },
  };
  targets[names.downTargetName].cache = false;
  targets[names.downTargetName].metadata = {
    ...targets[names.downTargetName].metadata,
    help: { command: 'docker compose down --help', example: { options: { volumes: true } } },
  };
  return targets;
}

interface Inferred {
  /** Where the walk found manage.py, checked with one stat before a cached result is used. */
  djangoRoot: string;
  result: CreateNodesResult;
}

// Inferred results keyed by a hash of the files they are derived from, computed before the
// directory walk for manage.py so that an unchanged project costs a few small reads and one
// stat. Bounded: a daemon that runs for days must not keep every version of every project.
const inferred = new BoundedCache<Inferred>(1000);

/** Compose reads the first of its file names that exists; a project's other compose files are not its own. */
function composeFileOf(absoluteRoot: string): string | undefined {
  return COMPOSE_FILE_NAMES.find((name) => existsSync(join(absoluteRoot, name)));
}

function createNodesForComposeFile(
  composeFile: string,
  options: DockerDjangoPluginOptions | undefined,
  context: CreateNodesContextV2,
): CreateNodesResult {
  const projectRoot = dirname(composeFile);
  const absoluteRoot = join(context.workspaceRoot, projectRoot);
  const composeName = basename(composeFile);
  if (composeFileOf(absoluteRoot) !== composeName) return {};
  const projectJson = readIfExists(join(absoluteRoot, 'project.json'));
  const pyproject = readIfExists(join(absoluteRoot, 'pyproject.toml'));
  // Only a real project: a stray compose.yaml in a folder Nx does not know must never become
  // one, or a fixture or example file could break every Nx command.
  if (projectJson === null && pyproject === null) return {};
  if (!existsSync(join(absoluteRoot, 'Dockerfile'))) return {};

  const names = normalizePluginOptions(options);
  const ignoreFile = contextIgnoreFile(absoluteRoot, projectRoot);
  const key = hashArray([
    context.workspaceRoot,
    projectRoot,
    composeName,
    JSON.stringify(names),
    JSON.stringify(ignoreFile),
    projectJson ?? '',
    pyproject ?? '',
  ]);
  const files = fsFileSource(context.workspaceRoot);
  const relativeRoot = projectRoot === '.' ? '' : projectRoot;
  const cached = inferred.get(key);
  if (cached && files.isFile(joinPath(relativeRoot, cached.djangoRoot, 'manage.py')))
    return cached.result;

  const djangoRoot = findDjangoRoot(files, relativeRoot);
  if (djangoRoot === null) {
    inferred.delete(key);
    return {};
  }
  const result: CreateNodesResult = {
    projects: {
      [projectRoot]: {
        ...(projectJson === null ? { name: pyprojectName(pyproject, projectRoot) } : {}),
        targets: inferTargets(projectRoot, names, ignoreFile, composeName),
      },
    },
  };
  inferred.set(key, { djangoRoot, result });
  return result;
}

/**
 * Infers compose-build, compose-up and compose-down for every Django project that has a
 * compose file (any name compose reads), a Dockerfile and a manage.py, and is a project
 * (project.json or pyproject.toml).
 */
export const createNodes: CreateNodesV2<DockerDjangoPluginOptions> = [
  COMPOSE_FILE_GLOB,
  (composeFiles, options, context) =>
    createNodesFromFiles(createNodesForComposeFile, composeFiles, options ?? {}, context),
];
