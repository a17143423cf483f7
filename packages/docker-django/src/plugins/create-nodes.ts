import type {
  CreateNodesContextV2,
  CreateNodesResult,
  CreateNodesV2,
  TargetConfiguration,
} from '@nx/devkit';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  COMPOSE_FILE_NAMES,
  DEFAULT_STACK_FILE,
  composeTargets,
  stackTargets,
  type ComposeTargetNames,
} from '../nx/compose-targets';
import { findDjangoRoot } from '../django/django-root';
import { fsFileSource, joinPath, type FileSource } from '../files/file-source';
import { InferredResultsCache, workspaceDataDirectory } from './inferred-cache';
import { getTomlValue, tryParseToml } from '../python/toml';
import { dockerignoreInputs, dockerignorePatterns } from './dockerignore-inputs';
import { createNodesForFiles, hashStrings } from './light-deps';
import { parseYaml } from '../files/plain-yaml';
import { builtImagesOf, nameableImages } from '../nx/compose-images';
import { IMAGES_METADATA_KEY } from '../nx/image-state';
import { normalizePluginOptions, type DockerDjangoPluginOptions } from './plugin-options';
import { manifestsOf, needsSyncGenerator, type Manifest } from './sync-attachment';

export const COMPOSE_FILE_GLOB = `**/{${COMPOSE_FILE_NAMES.join(',')}}`;

/** Cache entries kept beyond those used in the latest run (each is one project's targets). */
export const MAX_CACHED_RESULTS = 1000;

// Part of every cache key: another release of the plugin may infer other targets from the
// same files. package.json is two folders up both in the source and in the published package.
const PLUGIN_VERSION = (() => {
  try {
    return String(JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf-8')).version);
  } catch {
    return 'unknown';
  }
})();

// The name a project without project.json gets: its pyproject [project] name, else its folder.
function pyprojectName(pyproject: string | null, projectRoot: string): string {
  const table = tryParseToml(pyproject);
  const name = table ? getTomlValue(table, 'project.name') : undefined;
  return typeof name === 'string' && name ? name : basename(projectRoot);
}

/**
 * The Nx negations of each distinct ignore file, for one createNodes call: the generator
 * writes the same patterns into every app, and translating them once per project and target
 * took 60 of 435 ms of a cold createNodes over 50 apps (CPU profile, BENCHMARKS.md). Keyed by
 * the patterns alone: each app's header comment names the app, and keyed by the whole text
 * every app was a miss again (45 of 133 ms, graph-time profile of 2026-12-02).
 */
type IgnoreInputsMemo = Map<string, string[]>;

function ignoreInputs(ignoreFile: ContextIgnoreFile, memo: IgnoreInputsMemo): string[] {
  const patterns = dockerignorePatterns(ignoreFile.text).join('\n');
  const key = `${ignoreFile.contextPrefix ?? ''}\0${patterns}`;
  let inputs = memo.get(key);
  if (inputs === undefined) {
    inputs = dockerignoreInputs(ignoreFile.text, ignoreFile.contextPrefix);
    memo.set(key, inputs);
  }
  return inputs;
}

/**
 * The project-level named input holding the app's own files minus what its .dockerignore
 * drops. compose-build and compose-up name it instead of each carrying the 100-odd negations:
 * the inferred results of 50 apps went from 322 to 207 kB, which Nx passes from the plugin
 * worker, merges, caches and prints with every graph (graph-time, BENCHMARKS.md).
 */
export const DOCKER_CONTEXT_INPUT = 'dockerDjangoContext';

function dockerContextInput(ignoreFile: ContextIgnoreFile, memo: IgnoreInputsMemo) {
  return ['{projectRoot}/**/*', ...ignoreInputs(ignoreFile, memo)];
}

function buildInputs(): NonNullable<TargetConfiguration['inputs']> {
  return [
    DOCKER_CONTEXT_INPUT,
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
function contextIgnoreFile(
  files: FileSource,
  root: string,
  projectRoot: string,
): ContextIgnoreFile {
  const dockerfileIgnore = files.read(joinPath(root, 'Dockerfile.dockerignore'));
  if (dockerfileIgnore !== null)
    return { text: dockerfileIgnore, contextPrefix: `${projectRoot}/` };
  return { text: files.read(joinPath(root, '.dockerignore')) };
}

/** The compose file parsed once for everything inferred from it; null when it does not parse. */
function parseCompose(composeText: string | null): unknown {
  if (composeText === null) return null;
  try {
    return parseYaml(composeText);
  } catch {
    return null;
  }
}

/** The images the compose file builds, when every one has a plain name; else none. */
function builtImageNames(composeDocument: unknown): string[] {
  const services = (composeDocument as { services?: unknown } | null)?.services;
  const named = nameableImages(builtImagesOf(services));
  return named ? named.map(({ image }) => image) : [];
}

function inferTargets(inputs: ProjectInputs, names: ComposeTargetNames) {
  const { projectRoot, composeName: composeFile } = inputs;
  const fileInputs = buildInputs();
  const composeDocument = parseCompose(inputs.composeText);
  const targets = composeTargets(projectRoot, names, composeFile, {
    syncGenerator: needsSyncGenerator({ ...inputs, composeDocument }),
  });
  const build = targets[names.buildTargetName];
  // Cached by Nx only when compose-build's hasher can put the engine's copy of the images
  // into the hash (nx/image-state.ts): a hit then means the image is there. Without a name for
  // every image a hit would replay a log and leave no image behind, so the executor's content
  // tags decide alone.
  const images = builtImageNames(composeDocument);
  build.cache = images.length > 0;
  build.inputs = fileInputs;
  if (build.cache) build.outputs = [];
  build.metadata = {
    ...build.metadata,
    ...(build.cache ? { [IMAGES_METADATA_KEY]: images } : {}),
    help: {
      command: 'docker compose build --help',
      example: { options: { noCache: true, pull: true } },
    },
  };
  targets[names.upTargetName].cache = false;
  // compose-up builds too (see compose-targets.ts): its task hash, and so its content tags,
  // cover the same inputs as compose-build's.
  targets[names.upTargetName].inputs = [...fileInputs];
  targets[names.upTargetName].metadata = {
    ...targets[names.upTargetName].metadata,
    help: { command: 'docker compose up --help', example: { options: { attach: true } } },
  };
  targets[names.downTargetName].cache = false;
  targets[names.downTargetName].metadata = {
    ...targets[names.downTargetName].metadata,
    help: { command: 'docker compose down --help', example: { options: { volumes: true } } },
  };
  targets[names.pushTargetName].cache = false;
  targets[names.pushTargetName].metadata = {
    ...targets[names.pushTargetName].metadata,
    help: { command: 'docker push --help', example: { options: { registry: '127.0.0.1:5000' } } },
  };
  return inputs.hasStackFile
    ? { ...targets, ...stackTargets(projectRoot, names.pushTargetName) }
    : targets;
}

interface Inferred {
  /** Where the walk found manage.py, checked with one stat before a cached result is used. */
  djangoRoot: string;
  result: CreateNodesResult;
}

/** Every file whose content the inferred targets depend on, read before anything is derived. */
interface ProjectInputs {
  projectRoot: string;
  composeName: string;
  composeText: string | null;
  projectJson: string | null;
  pyproject: string | null;
  ignoreFile: ContextIgnoreFile;
  /** Requirements files and pyproject.toml: whether the project uses workspace libraries. */
  manifests: Manifest[];
  /** A Swarm stack file (stack.yaml) beside the compose file: stack-deploy and stack-rm. */
  hasStackFile: boolean;
}

/** Compose reads the first of its file names that exists; a project's other compose files are not its own. */
function composeFileOf(files: FileSource, root: string): string | undefined {
  return COMPOSE_FILE_NAMES.find((name) => files.isFile(joinPath(root, name)));
}

/**
 * The inputs of a compose file's project, or null when it is no Docker project of ours. Only a
 * real project: a stray compose.yaml in a folder Nx does not know must never become one, or a
 * fixture or example file could break every Nx command.
 */
function readProjectInputs(files: FileSource, composeFile: string): ProjectInputs | null {
  const projectRoot = dirname(composeFile);
  const root = projectRoot === '.' ? '' : projectRoot;
  const composeName = basename(composeFile);
  if (composeFileOf(files, root) !== composeName) return null;
  const projectJson = files.read(joinPath(root, 'project.json'));
  const pyproject = files.read(joinPath(root, 'pyproject.toml'));
  if (projectJson === null && pyproject === null) return null;
  if (!files.isFile(joinPath(root, 'Dockerfile'))) return null;
  return {
    projectRoot,
    composeName,
    composeText: files.read(composeFile),
    projectJson,
    pyproject,
    ignoreFile: contextIgnoreFile(files, root, projectRoot),
    manifests: manifestsOf(files, projectRoot),
    hasStackFile: files.isFile(joinPath(root, DEFAULT_STACK_FILE)),
  };
}

function hashInputs(inputs: ProjectInputs, names: ComposeTargetNames, dataDir: string): string {
  return hashStrings([
    PLUGIN_VERSION,
    // Kept in the key so that results never move between data directories.
    dataDir,
    process.platform,
    inputs.projectRoot,
    inputs.composeName,
    JSON.stringify(names),
    JSON.stringify(inputs.ignoreFile),
    inputs.composeText ?? '',
    inputs.projectJson ?? '',
    inputs.pyproject ?? '',
    ...inputs.manifests.flatMap((manifest) => [manifest.path, manifest.text]),
    String(inputs.hasStackFile),
  ]);
}

function createNodesForComposeFile(
  composeFile: string,
  names: ComposeTargetNames,
  context: CreateNodesContextV2,
  cache: InferredResultsCache<Inferred>,
  memo: IgnoreInputsMemo,
): CreateNodesResult {
  const files = fsFileSource(context.workspaceRoot);
  const inputs = readProjectInputs(files, composeFile);
  if (inputs === null) return {};
  const { projectRoot } = inputs;
  const relativeRoot = projectRoot === '.' ? '' : projectRoot;
  const key = hashInputs(inputs, names, workspaceDataDirectory(context.workspaceRoot));
  // Which manage.py the walk finds does not change the targets, only that there is one; the
  // walk is what the cache saves, so a hit costs one stat instead.
  const cached = cache.get(key);
  if (cached && files.isFile(joinPath(relativeRoot, cached.djangoRoot, 'manage.py')))
    return cached.result;

  const djangoRoot = findDjangoRoot(files, relativeRoot);
  if (djangoRoot === null) {
    cache.delete(key);
    return {};
  }
  const result: CreateNodesResult = {
    projects: {
      [projectRoot]: {
        ...(inputs.projectJson === null
          ? { name: pyprojectName(inputs.pyproject, projectRoot) }
          : {}),
        namedInputs: { [DOCKER_CONTEXT_INPUT]: dockerContextInput(inputs.ignoreFile, memo) },
        targets: inferTargets(inputs, names),
      },
    },
  };
  cache.set(key, { djangoRoot, result });
  return result;
}

/** The cache file of one set of plugin options (nx.json may list the plugin more than once). */
export function inferredCachePath(workspaceRoot: string, names: ComposeTargetNames): string {
  return join(
    workspaceDataDirectory(workspaceRoot),
    `docker-django-nodes-${hashStrings([JSON.stringify(names)]).slice(0, 20)}.json`,
  );
}

/**
 * Infers compose-build, compose-up, compose-down and compose-push for every Django project that has a
 * compose file (any name compose reads), a Dockerfile and a manage.py, and is a project
 * (project.json or pyproject.toml). Results are cached on disk by a hash of their inputs.
 */
export const createNodes: CreateNodesV2<DockerDjangoPluginOptions> = [
  COMPOSE_FILE_GLOB,
  async (composeFiles, options, context) => {
    const names = normalizePluginOptions(options);
    const cache = new InferredResultsCache<Inferred>(
      inferredCachePath(context.workspaceRoot, names),
      MAX_CACHED_RESULTS,
    );
    const memo: IgnoreInputsMemo = new Map();
    try {
      return await createNodesForFiles(
        (file, ctx) => createNodesForComposeFile(file, names, ctx, cache, memo),
        composeFiles,
        context,
      );
    } finally {
      cache.write();
    }
  },
];
