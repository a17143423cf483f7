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
import { composeTargets, type ComposeTargetNames } from '../nx/compose-targets';
import { findDjangoRoot } from '../django/detect-django-layout';
import { fsFileSource } from '../files/file-source';
import { getTomlValue, tryParseToml } from '../python/toml';
import { dockerignoreInputs } from './dockerignore-inputs';
import { normalizePluginOptions, type DockerDjangoPluginOptions } from './plugin-options';

export const COMPOSE_FILE_GLOB = '**/{compose.yaml,compose.yml}';

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
  if (dockerfileIgnore !== null) return { text: dockerfileIgnore, contextPrefix: `${projectRoot}/` };
  return { text: readIfExists(join(absoluteRoot, '.dockerignore')) };
}

function inferTargets(projectRoot: string, names: ComposeTargetNames, ignoreFile: ContextIgnoreFile) {
  const targets = composeTargets(projectRoot, names);
  const build = targets[names.buildTargetName];
  // Not cached by Nx: a cache hit would replay a log and leave no image behind. The executor
  // tags each image with this task's hash instead and skips the build when that tag exists,
  // so a rebuild happens exactly when an input changed or the image is gone.
  build.cache = false;
  build.inputs = buildInputs(ignoreFile);
  build.metadata = {
    ...build.metadata,
    help: { command: 'docker compose build --help', example: { options: { noCache: true, pull: true } } },
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

// Inferred results keyed by a hash of everything they are derived from, so a graph
// recomputation reads no more than those few files for an unchanged project.
const inferred = new Map<string, CreateNodesResult>();

function createNodesForComposeFile(
  composeFile: string,
  options: DockerDjangoPluginOptions | undefined,
  context: CreateNodesContextV2,
): CreateNodesResult {
  const projectRoot = dirname(composeFile);
  const absoluteRoot = join(context.workspaceRoot, projectRoot);
  const projectJson = readIfExists(join(absoluteRoot, 'project.json'));
  const pyproject = readIfExists(join(absoluteRoot, 'pyproject.toml'));
  // Only a real project: a stray compose.yaml in a folder Nx does not know must never become
  // one, or a fixture or example file could break every Nx command.
  if (projectJson === null && pyproject === null) return {};
  if (!existsSync(join(absoluteRoot, 'Dockerfile'))) return {};
  const djangoRoot = findDjangoRoot(fsFileSource(context.workspaceRoot), projectRoot === '.' ? '' : projectRoot);
  if (djangoRoot === null) return {};

  const names = normalizePluginOptions(options);
  const ignoreFile = contextIgnoreFile(absoluteRoot, projectRoot);
  const key = hashArray([projectRoot, JSON.stringify(names), JSON.stringify(ignoreFile), projectJson ?? pyproject ?? '', djangoRoot]);
  const cached = inferred.get(key);
  if (cached) return cached;

  const result: CreateNodesResult = {
    projects: {
      [projectRoot]: {
        ...(projectJson === null ? { name: pyprojectName(pyproject, projectRoot) } : {}),
        targets: inferTargets(projectRoot, names, ignoreFile),
      },
    },
  };
  inferred.set(key, result);
  return result;
}

/**
 * Infers compose-build, compose-up and compose-down for every Django project that has a
 * compose file, a Dockerfile and a manage.py, and is a project (project.json or pyproject.toml).
 */
export const createNodes: CreateNodesV2<DockerDjangoPluginOptions> = [
  COMPOSE_FILE_GLOB,
  (composeFiles, options, context) =>
    createNodesFromFiles(createNodesForComposeFile, composeFiles, options ?? {}, context),
];
