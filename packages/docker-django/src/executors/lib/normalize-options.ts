import type { ExecutorContext } from '@nx/devkit';
import {
  COMPOSE_PROJECT_NAME_PATTERN as COMPOSE_PROJECT_NAME,
  composeProjectName as nameForCompose,
} from '../../nx/compose-project-name';
import {
  COMPOSE_EXECUTORS,
  DEFAULT_COMPOSE_FILE,
  DEFAULT_TARGET_NAMES,
  targetNameFor,
} from '../../nx/compose-targets';
import { isAbsolute, join, resolve } from 'path';
import { engineRequest, type EngineRequest } from './engine-selection';
import { ComposeError, invalidOptionError } from './errors';

/** Options every compose executor accepts (see the schema.json files). */
export interface ComposeCommonOptions {
  composeFile?: string;
  projectName?: string;
  engine?: string;
  profiles?: string[];
  envFiles?: string[];
  args?: string[] | string;
  dryRun?: boolean;
  verbose?: boolean;
}

export interface ComposeBuildOptions extends ComposeCommonOptions {
  services?: string[];
  pull?: boolean;
  noCache?: boolean;
  buildArgs?: Record<string, string | number | boolean>;
}

export interface ComposeUpOptions extends ComposeCommonOptions {
  services?: string[];
  wait?: boolean;
  waitTimeout?: number;
  removeOrphans?: boolean;
  forceRecreate?: boolean;
  build?: boolean;
  attach?: boolean;
  scale?: string[] | string;
}

export interface ComposeDownOptions extends ComposeCommonOptions {
  volumes?: boolean;
  removeOrphans?: boolean;
  timeout?: number;
}

export interface NormalizedCommon {
  /** The Nx project name, used in messages. */
  project: string;
  /** The Nx target name, used in messages. */
  target: string;
  /** The project's compose-down target as it is named there (plugin options may rename it), for messages. */
  downTarget: string;
  /** Absolute workspace root (where the engine probe cache lives). */
  workspaceRoot: string;
  /** Absolute project root: the working directory of every compose command. */
  projectRoot: string;
  /** Absolute path of the compose file. */
  composeFile: string;
  /**
   * The compose project name passed with -p: --projectName, else (set by prepareCompose) the
   * one the compose file records, else the Nx project name made valid.
   */
  composeProjectName: string;
  /** Whether --projectName chose it (the file's record then does not). */
  composeProjectNameGiven: boolean;
  engine: EngineRequest;
  profiles: string[];
  /** Absolute paths. */
  envFiles: string[];
  args: string[];
  dryRun: boolean;
  verbose: boolean;
}

export interface NormalizedBuild extends NormalizedCommon {
  services: string[];
  pull: boolean;
  noCache: boolean;
  buildArgs: Array<[string, string]>;
}

export interface NormalizedUp extends NormalizedCommon {
  services: string[];
  wait: boolean;
  /** Seconds; undefined waits as long as compose does (no limit). */
  waitTimeout: number | undefined;
  removeOrphans: boolean;
  forceRecreate: boolean;
  build: boolean;
  attach: boolean;
  /** `--scale` per service: replicas wanted. */
  scale: Record<string, number>;
}

export interface NormalizedDown extends NormalizedCommon {
  volumes: boolean;
  removeOrphans: boolean;
  /** Seconds. */
  timeout: number | undefined;
}

function list(value: string[] | string | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
}

function seconds(
  project: string,
  option: string,
  value: number | undefined,
  min: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min) {
    throw invalidOptionError(
      project,
      option,
      value,
      `Pass a whole number of seconds, at least ${min}.`,
    );
  }
  return value;
}

export function normalizeCommonOptions(
  options: ComposeCommonOptions,
  context: ExecutorContext,
  env: NodeJS.ProcessEnv = process.env,
): NormalizedCommon {
  const project = context.projectName;
  if (!project) {
    throw new ComposeError(
      'The compose executors need a project: run them as a target, e.g. `nx run <project>:compose-up`.',
    );
  }
  const config = context.projectsConfigurations?.projects?.[project];
  if (!config) {
    throw new ComposeError(
      `Project "${project}" is not in the workspace's project configurations. Check its ` +
        `project.json, then run \`nx reset\`.`,
    );
  }
  // Never relative to process.cwd(): Nx may be started from any directory.
  const projectRoot = resolve(context.root, config.root);
  const composeFile = resolve(projectRoot, options.composeFile || DEFAULT_COMPOSE_FILE);

  let composeProjectName: string;
  if (options.projectName !== undefined && options.projectName !== '') {
    if (!COMPOSE_PROJECT_NAME.test(options.projectName)) {
      const suggestion = nameForCompose(options.projectName);
      throw invalidOptionError(
        project,
        '--projectName',
        options.projectName,
        'Compose project names use lowercase letters, digits, "-" and "_", and start with a letter or digit' +
          (suggestion ? `: try "${suggestion}".` : '.'),
      );
    }
    composeProjectName = options.projectName;
  } else {
    composeProjectName = nameForCompose(project);
  }

  return {
    project,
    target: context.targetName ?? 'compose',
    downTarget: targetNameFor(
      config.targets,
      COMPOSE_EXECUTORS.down,
      DEFAULT_TARGET_NAMES.downTargetName,
    ),
    workspaceRoot: resolve(context.root),
    projectRoot,
    composeFile,
    composeProjectName,
    composeProjectNameGiven: options.projectName !== undefined && options.projectName !== '',
    engine: engineRequest(options.engine, env, project),
    profiles: list(options.profiles),
    envFiles: list(options.envFiles).map((f) => (isAbsolute(f) ? f : join(projectRoot, f))),
    args: list(options.args),
    dryRun: options.dryRun === true,
    verbose:
      options.verbose === true ||
      context.isVerbose === true ||
      env['NX_VERBOSE_LOGGING'] === 'true',
  };
}

/**
 * Makes the normaliser of one executor: the options every compose executor shares, then the
 * executor's own, which `own` reads (given the common ones, for the project its errors name).
 */
export function composeOptionsNormalizer<
  Options extends ComposeCommonOptions,
  Normalized extends NormalizedCommon,
>(
  own: (
    options: Options,
    common: NormalizedCommon,
    context: ExecutorContext,
    env: NodeJS.ProcessEnv,
  ) => Omit<Normalized, keyof NormalizedCommon>,
): (options: Options, context: ExecutorContext, env?: NodeJS.ProcessEnv) => Normalized {
  return (options, context, env = process.env) => {
    const common = normalizeCommonOptions(options, context, env);
    return { ...common, ...own(options, common, context, env) } as Normalized;
  };
}

export const normalizeBuildOptions = composeOptionsNormalizer<ComposeBuildOptions, NormalizedBuild>(
  (options, { project }) => ({
    services: list(options.services),
    pull: options.pull === true,
    noCache: options.noCache === true,
    buildArgs: buildArgsOption(project, options.buildArgs),
  }),
);

const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `buildArgs` as name/value pairs, each name one a Dockerfile ARG can have. */
function buildArgsOption(
  project: string,
  buildArgs: ComposeBuildOptions['buildArgs'],
): Array<[string, string]> {
  return Object.entries(buildArgs ?? {}).map(([key, value]): [string, string] => {
    if (!BUILD_ARG_NAME.test(key)) {
      throw invalidOptionError(
        project,
        'build argument name',
        key,
        'Build argument names are letters, digits and "_", not starting with a digit.',
      );
    }
    if (value === null || typeof value === 'object') {
      throw invalidOptionError(
        project,
        `build argument ${key}`,
        value,
        'Pass a string, number or boolean.',
      );
    }
    return [key, String(value)];
  });
}

export const normalizeUpOptions = composeOptionsNormalizer<ComposeUpOptions, NormalizedUp>(
  (options, { project }) => ({
    services: list(options.services),
    wait: options.wait !== false,
    waitTimeout: seconds(project, '--waitTimeout', options.waitTimeout, 1),
    removeOrphans: options.removeOrphans === true,
    forceRecreate: options.forceRecreate === true,
    build: options.build === true,
    attach: options.attach === true,
    scale: scaleOption(project, options.scale),
  }),
);

/** `server=3` entries (also comma-separated) as replicas per service. */
function scaleOption(
  project: string,
  value: string[] | string | undefined,
): Record<string, number> {
  const scale: Record<string, number> = {};
  for (const entry of list(value).flatMap((v) => v.split(','))) {
    const match = /^([A-Za-z0-9][\w.-]*)=(\d+)$/.exec(entry.trim());
    if (!match) {
      throw invalidOptionError(
        project,
        '--scale',
        entry,
        'Give SERVICE=REPLICAS, e.g. --scale server=3.',
      );
    }
    scale[match[1]] = Number(match[2]);
  }
  return scale;
}

export const normalizeDownOptions = composeOptionsNormalizer<ComposeDownOptions, NormalizedDown>(
  (options, { project }) => ({
    volumes: options.volumes === true,
    removeOrphans: options.removeOrphans === true,
    timeout: seconds(project, '--timeout', options.timeout, 0),
  }),
);
