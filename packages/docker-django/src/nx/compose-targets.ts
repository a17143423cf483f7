import type { TargetConfiguration } from '@nx/devkit';

export interface ComposeTargetNames {
  buildTargetName: string;
  upTargetName: string;
  downTargetName: string;
  pushTargetName: string;
}

export const DEFAULT_TARGET_NAMES: ComposeTargetNames = {
  buildTargetName: 'compose-build',
  upTargetName: 'compose-up',
  downTargetName: 'compose-down',
  pushTargetName: 'compose-push',
};

/** The executors of the compose targets, as project configurations name them. */
export const COMPOSE_EXECUTORS = {
  build: 'docker-django:compose-build',
  up: 'docker-django:compose-up',
  down: 'docker-django:compose-down',
  push: 'docker-django:compose-push',
} as const;

/** The file the generator writes and the executors read when no composeFile is given. */
export const DEFAULT_COMPOSE_FILE = 'compose.yaml';

/** The names compose looks for when no -f is given, in its order of preference. */
export const COMPOSE_FILE_NAMES: readonly string[] = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
];

/** Target names from the plugin's options in nx.json (any may be left out). */
export function normalizeTargetNames(
  options: Partial<ComposeTargetNames> | undefined,
): ComposeTargetNames {
  return {
    buildTargetName: options?.buildTargetName ?? DEFAULT_TARGET_NAMES.buildTargetName,
    upTargetName: options?.upTargetName ?? DEFAULT_TARGET_NAMES.upTargetName,
    downTargetName: options?.downTargetName ?? DEFAULT_TARGET_NAMES.downTargetName,
    pushTargetName: options?.pushTargetName ?? DEFAULT_TARGET_NAMES.pushTargetName,
  };
}

/**
 * The name under which a project has the target running `executor` (a project may rename the
 * compose targets through the plugin options), else `fallback`.
 */
export function targetNameFor(
  targets: Record<string, TargetConfiguration> | undefined,
  executor: string,
  fallback: string,
): string {
  const found = Object.entries(targets ?? {}).find(([, target]) => target.executor === executor);
  return found?.[0] ?? fallback;
}

/** The sync generator that keeps an app's Docker files in step with its workspace libraries. */
export const SYNC_GENERATOR = 'docker-django:sync';

export interface ComposeTargetsOptions {
  /**
   * Whether compose-build declares the sync generator (default true). Nx runs every declared
   * sync generator before the task (about 1.3 s), so the inference plugin attaches it only to
   * projects the generator can change.
   */
  syncGenerator?: boolean;
}

/**
 * The compose targets of a Django project, shared by the init generator (written into
 * project.json) and the inference plugin (inferred), so both give the same targets.
 * `composeFile` is the project's compose file; a name other than compose.yaml is passed
 * to the executors, which read compose.yaml otherwise.
 */
export function composeTargets(
  projectRoot: string,
  names: ComposeTargetNames = DEFAULT_TARGET_NAMES,
  composeFile: string = DEFAULT_COMPOSE_FILE,
  { syncGenerator = true }: ComposeTargetsOptions = {},
): Record<string, TargetConfiguration> {
  const options = () => (composeFile === DEFAULT_COMPOSE_FILE ? {} : { composeFile });
  const file = `${projectRoot}/${composeFile}`;
  return {
    [names.buildTargetName]: {
      executor: COMPOSE_EXECUTORS.build,
      options: options(),
      // Before a build, the app's build context follows the workspace libraries it installs.
      ...(syncGenerator ? { syncGenerators: [SYNC_GENERATOR] } : {}),
      metadata: {
        description: `Builds the images of ${file} with docker compose build.`,
        technologies: ['docker', 'django'],
      },
    },
    [names.upTargetName]: {
      executor: COMPOSE_EXECUTORS.up,
      // No dependsOn compose-build: compose-up builds what is not built yet itself, so a failed
      // build fails it with the build's message and exit code (Nx 22 reports a failed
      // dependency as 130, as if interrupted). It needs the same sync before it.
      ...(syncGenerator ? { syncGenerators: [SYNC_GENERATOR] } : {}),
      options: options(),
      metadata: {
        description: `Starts the stack of ${file} and waits until it is healthy.`,
        technologies: ['docker', 'django'],
      },
    },
    [names.downTargetName]: {
      executor: COMPOSE_EXECUTORS.down,
      options: options(),
      metadata: {
        description: `Stops and removes the stack of ${file}; volumes are kept unless --volumes.`,
        technologies: ['docker', 'django'],
      },
    },
    [names.pushTargetName]: {
      executor: COMPOSE_EXECUTORS.push,
      // Not forwarded: the build's options are part of its hash, which names the content tag.
      dependsOn: [names.buildTargetName],
      options: options(),
      metadata: {
        description: `Pushes the images of ${file} to a registry (--registry or DOCKER_DJANGO_REGISTRY), skipping those it already holds.`,
        technologies: ['docker', 'django'],
      },
    },
  };
}

/** The Swarm stack file `nx g docker-django:swarm` writes; its presence adds the stack targets. */
export const DEFAULT_STACK_FILE = 'stack.yaml';

/**
 * stack-deploy and stack-rm, inferred for a project that has a stack file. stack-deploy
 * depends on compose-push: a Swarm node pulls from the registry, never from a build.
 */
export function stackTargets(
  projectRoot: string,
  pushTargetName: string = DEFAULT_TARGET_NAMES.pushTargetName,
): Record<string, TargetConfiguration> {
  const file = `${projectRoot}/${DEFAULT_STACK_FILE}`;
  return {
    'stack-deploy': {
      executor: 'docker-django:stack-deploy',
      dependsOn: [pushTargetName],
      cache: false,
      options: {},
      metadata: {
        description: `Deploys ${file} to Docker Swarm from the registry and waits until it converges.`,
        technologies: ['docker', 'django'],
        help: { command: 'docker stack deploy --help', example: { options: { tag: 'latest' } } },
      },
    },
    'stack-rm': {
      executor: 'docker-django:stack-rm',
      cache: false,
      options: {},
      metadata: {
        description: `Removes the Swarm stack of ${file} and waits until it is gone; volumes are kept.`,
        technologies: ['docker', 'django'],
        help: { command: 'docker stack rm --help', example: { options: { timeout: 120 } } },
      },
    },
  };
}
