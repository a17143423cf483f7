import { unsupportedOptionError } from './errors';
import type { CommandSpec } from './run-compose';
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
      ...(flavour === 'compose-v1'
        ? { env: { COMPOSE_DOCKER_CLI_BUILD: '1', DOCKER_BUILDKIT: '1' } }
        : {}),
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
      const tool = flavour === 'podman-compose' ? 'podman-compose' : 'compose';
      const detail =
        min === false
          ? `${describe} has no ${FEATURE_WORDS[feature]}`
          : `${FEATURE_WORDS[feature]} needs ${tool} ${min} or newer`;
      throw unsupportedOptionError(project, option, describe, detail);
    },
  };
}
