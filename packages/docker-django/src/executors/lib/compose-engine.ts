import {
  engineUnusableError,
  invalidOptionError,
  noComposeCliError,
  unsupportedOptionError,
  type ProbeAttempt,
} from './errors';
import { firstLine, formatCommand, runCommand, type CommandSpec } from './run-compose';
import { compareReleases } from '../../python/release-versions';

/**
 * The compose engine adapter. Every difference between `docker compose`, `docker-compose`
 * (v1 or standalone v2), `podman compose` and `podman-compose` lives here: how the CLI is
 * invoked, how its version is read, and which options it understands. Argument builders
 * and executors ask an engine; they never test engine names themselves.
 */
export type ComposeEngineName = 'docker' | 'docker-compose' | 'podman' | 'podman-compose';
export type EngineOption = 'auto' | ComposeEngineName;

export const ENGINE_ENV_VAR = 'DOCKER_DJANGO_COMPOSE_ENGINE';
export const ENGINE_NAMES: readonly ComposeEngineName[] = [
  'docker',
  'docker-compose',
  'podman',
  'podman-compose',
];
/** Auto-detection order: the first engine whose version probe succeeds wins. */
export const DETECTION_ORDER: readonly ComposeEngineName[] = ENGINE_NAMES;

/** Which implementation actually runs, whatever the launcher (podman compose delegates). */
export type ComposeFlavour = 'compose-v2' | 'compose-v1' | 'podman-compose';

export type ComposeFeature =
  | 'profiles'
  | 'envFile'
  | 'multipleEnvFiles'
  /** `up --wait` */
  | 'nativeWait'
  /** `up --wait-timeout` */
  | 'waitTimeout'
  /** `ps --format json` */
  | 'psJson'
  | 'downRemoveOrphans';

export interface ComposeEngine {
  readonly name: ComposeEngineName;
  /** How a user would type it: `docker compose`, `docker-compose`, ... */
  readonly label: string;
  readonly flavour: ComposeFlavour;
  /** Version of the compose implementation, undefined when it could not be read. */
  readonly version: string | undefined;
  /** CLI used for `inspect` and `info` (container state, daemon reachability). */
  readonly containerCli: 'docker' | 'podman';
  /** The full command for compose arguments (global options first, then the subcommand). */
  command(composeArgs: readonly string[]): CommandSpec;
  /** `<docker|podman> inspect <ids>`: a JSON array with State, Config.Labels, NetworkSettings. */
  inspectCommand(ids: readonly string[]): CommandSpec;
  /** A cheap command that fails when the engine's daemon/service cannot be reached. */
  infoCommand(): CommandSpec;
  supports(feature: ComposeFeature): boolean;
  /** Throws an actionable error when `feature` (named `option` for the user) is unsupported. */
  require(feature: ComposeFeature, option: string, project: string): void;
}

interface EngineDefinition {
  file: string;
  prefix: string[];
  containerCli: 'docker' | 'podman';
}

/** How to get each engine, for the error when an explicitly chosen one is missing. */
const INSTALL_HINTS: Record<ComposeEngineName, string> = {
  docker:
    'Install the Compose plugin (Debian/Ubuntu with Docker\'s apt repository: `apt-get install docker-compose-plugin`; otherwise https://docs.docker.com/compose/install/)',
  'docker-compose':
    'Install the standalone docker-compose (https://docs.docker.com/compose/install/standalone/, or your distribution\'s docker-compose package)',
  podman:
    '`podman compose` needs podman 4.7 or newer plus a provider (docker-compose or podman-compose) on PATH',
  'podman-compose': 'Install podman-compose (`pip install podman-compose` or your distribution\'s package)',
};

const INFO_FORMAT: Record<'docker' | 'podman', string> = {
  docker: '{{.ServerVersion}}',
  podman: '{{.Version.Version}}',
};

const DEFINITIONS: Record<ComposeEngineName, EngineDefinition> = {
  docker: { file: 'docker', prefix: ['compose'], containerCli: 'docker' },
  'docker-compose': { file: 'docker-compose', prefix: [], containerCli: 'docker' },
  podman: { file: 'podman', prefix: ['compose'], containerCli: 'podman' },
  'podman-compose': { file: 'podman-compose', prefix: [], containerCli: 'podman' },
};

/**
 * Minimum version of each flavour that has a feature; `false` means never. Versions are
 * those of the release notes: compose v2 `--wait` 2.1.1, repeated `--env-file` and
 * `--wait-timeout` 2.17; compose v1 profiles 1.28, `--env-file` 1.25; podman-compose
 * `--profile` 1.1.0 (its 1.0.x parser has neither `--profile` nor `--env-file`).
 */
const FEATURES: Record<ComposeFlavour, Record<ComposeFeature, string | false>> = {
  'compose-v2': {
    profiles: '2.0.0',
    envFile: '2.0.0',
    multipleEnvFiles: '2.17.0',
    nativeWait: '2.1.1',
    waitTimeout: '2.17.0',
    psJson: '2.0.0',
    downRemoveOrphans: '2.0.0',
  },
  'compose-v1': {
    profiles: '1.28.0',
    envFile: '1.25.0',
    multipleEnvFiles: false,
    nativeWait: false,
    waitTimeout: false,
    psJson: false,
    downRemoveOrphans: '1.0.0',
  },
  'podman-compose': {
    profiles: '1.1.0',
    envFile: '1.1.0',
    multipleEnvFiles: false,
    nativeWait: false,
    waitTimeout: false,
    psJson: false,
    downRemoveOrphans: '1.1.0',
  },
};

const FEATURE_WORDS: Record<ComposeFeature, string> = {
  profiles: '--profile',
  envFile: '--env-file',
  multipleEnvFiles: 'more than one --env-file',
  nativeWait: 'up --wait',
  waitTimeout: 'up --wait-timeout',
  psJson: 'ps --format json',
  downRemoveOrphans: 'down --remove-orphans',
};

/**
 * Reads flavour and version from the output of the engine's version command, e.g.
 * `Docker Compose version v2.26.1`, `docker-compose version 1.29.2, build unknown`,
 * `podman-composer version  1.0.3` (sic, podman-compose 1.0.x), or `podman compose
 * version` printing the banner of its external provider before the provider's version.
 */
export function parseVersionOutput(
  name: ComposeEngineName,
  output: string,
): { flavour: ComposeFlavour; version: string | undefined } {
  const podmanCompose = /podman-compose\w*\s+version:?\s+v?(\d+(?:\.\d+)*)/i.exec(output);
  if (name === 'podman-compose' || podmanCompose) {
    return { flavour: 'podman-compose', version: podmanCompose?.[1] };
  }
  // Skip a podman banner such as "podman version 4.9.3" printed by the launcher.
  const compose = /compose[\w-]*\s+version:?\s+v?(\d+\.\d+\.\d+)/i.exec(output);
  const version = compose?.[1] ?? /\bv?(\d+\.\d+\.\d+)/.exec(output)?.[1];
  if (version === undefined) {
    // Unknown text: assume the current generation rather than refusing to run.
    return { flavour: 'compose-v2', version: undefined };
  }
  return { flavour: version.startsWith('1.') ? 'compose-v1' : 'compose-v2', version };
}

export function versionCommand(name: ComposeEngineName): CommandSpec {
  const def = DEFINITIONS[name];
  return { file: def.file, args: [...def.prefix, 'version'] };
}

export function engineLabel(name: ComposeEngineName): string {
  const def = DEFINITIONS[name];
  return [def.file, ...def.prefix].join(' ');
}

/** Builds an adapter from the engine name and the output of its version command. */
export function createEngine(name: ComposeEngineName, versionOutput: string): ComposeEngine {
  const def = DEFINITIONS[name];
  const { flavour, version } = parseVersionOutput(name, versionOutput);
  const label = engineLabel(name);
  const describe = `${label}${version ? ` ${version}` : ''}`;
  const supports = (feature: ComposeFeature): boolean => {
    const min = FEATURES[flavour][feature];
    if (min === false) return false;
    return version === undefined || compareReleases(version, min) >= 0;
  };
  return {
    name,
    label,
    flavour,
    version,
    containerCli: def.containerCli,
    command: (composeArgs) => ({
      file: def.file,
      args: [...def.prefix, ...composeArgs],
      // docker-compose v1 builds with the Python SDK's legacy builder unless told to use the
      // docker CLI with BuildKit; the generated Dockerfiles need BuildKit (RUN --mount).
      ...(flavour === 'compose-v1' ? { env: { COMPOSE_DOCKER_CLI_BUILD: '1', DOCKER_BUILDKIT: '1' } } : {}),
    }),
    inspectCommand: (ids) => ({ file: def.containerCli, args: ['inspect', ...ids] }),
    infoCommand: () => ({
      file: def.containerCli,
      args: ['info', '--format', INFO_FORMAT[def.containerCli]],
    }),
    supports,
    require(feature, option, project) {
      if (supports(feature)) return;
      const min = FEATURES[flavour][feature];
      const detail =
        min === false
          ? `${describe} has no ${FEATURE_WORDS[feature]}`
          : `${FEATURE_WORDS[feature]} needs ${flavour === 'podman-compose' ? 'podman-compose' : 'compose'} ${min} or newer`;
      throw unsupportedOptionError(project, option, describe, detail);
    },
  };
}

export type EngineSource = 'option' | 'env' | 'auto';

export interface EngineRequest {
  engine: EngineOption;
  source: EngineSource;
}

function isEngineOption(value: string): value is EngineOption {
  return value === 'auto' || (ENGINE_NAMES as readonly string[]).includes(value);
}

/**
 * Which engine to use: the `engine` option unless it is `auto`, then the
 * DOCKER_DJANGO_COMPOSE_ENGINE variable unless empty or `auto`, then detection.
 */
export function engineRequest(
  option: string | undefined,
  env: NodeJS.ProcessEnv,
  project: string,
): EngineRequest {
  const allowed = `Use one of: auto, ${ENGINE_NAMES.join(', ')}.`;
  if (option !== undefined && option !== 'auto') {
    if (!isEngineOption(option)) throw invalidOptionError(project, '--engine', option, allowed);
    return { engine: option, source: 'option' };
  }
  const fromEnv = env[ENGINE_ENV_VAR]?.trim();
  if (fromEnv && fromEnv !== 'auto') {
    if (!isEngineOption(fromEnv)) {
      throw invalidOptionError(project, ENGINE_ENV_VAR, fromEnv, `${allowed} Or unset the variable.`);
    }
    return { engine: fromEnv, source: 'env' };
  }
  return { engine: 'auto', source: 'auto' };
}

export type ProbeResult = { ok: true; output: string } | { ok: false; reason: string };
export type EngineProbe = (name: ComposeEngineName) => Promise<ProbeResult>;

/** Runs `<engine> version` quietly; used by detection and by an explicit choice alike. */
export function commandProbe(options: {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  verbose?: boolean;
}): EngineProbe {
  return async (name) => {
    const result = await runCommand(versionCommand(name), {
      cwd: options.cwd,
      env: options.env,
      capture: true,
      quiet: true,
      verbose: options.verbose,
      timeoutMs: 20_000,
    });
    if (result.notFound) return { ok: false, reason: 'not found on PATH' };
    if (result.exitCode !== 0) {
      const how = result.exitCode === undefined ? 'timed out or killed' : `exit ${result.exitCode}`;
      return { ok: false, reason: `${how}: ${firstLine(result)}` };
    }
    return { ok: true, output: `${result.stdout}\n${result.stderr}` };
  };
}

const SOURCE_WORDS: Record<EngineSource, string> = {
  option: 'from --engine',
  env: `from ${ENGINE_ENV_VAR}`,
  auto: 'auto-detected',
};

/**
 * Resolves the engine for one executor run. Nothing is cached between runs: the PATH, the
 * variable and the installed CLIs may differ from one task to the next.
 */
export async function resolveEngine(
  request: EngineRequest,
  probe: EngineProbe,
  project: string,
): Promise<ComposeEngine> {
  if (request.engine !== 'auto') {
    const result = await probe(request.engine);
    if (!result.ok) {
      throw engineUnusableError(project, request.engine, SOURCE_WORDS[request.source], {
        command: formatCommand(versionCommand(request.engine)),
        reason: result.reason,
      }, INSTALL_HINTS[request.engine]);
    }
    return createEngine(request.engine, result.output);
  }
  const attempts: ProbeAttempt[] = [];
  for (const name of DETECTION_ORDER) {
    const result = await probe(name);
    if (result.ok) return createEngine(name, result.output);
    attempts.push({ command: formatCommand(versionCommand(name)), reason: result.reason });
  }
  throw noComposeCliError(project, attempts);
}
