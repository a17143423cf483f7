// Which compose engine a task uses: the executor option, else DOCKER_DJANGO_COMPOSE_ENGINE,
// else the first CLI on PATH that answers its version command.
import {
  createEngine,
  DETECTION_ORDER,
  ENGINE_ENV_VAR,
  ENGINE_NAMES,
  versionCommand,
  type ComposeEngine,
  type ComposeEngineName,
  type EngineOption,
} from './compose-engine';
import {
  engineUnusableError,
  invalidOptionError,
  noComposeCliError,
  type ProbeAttempt,
} from './errors';
import type { EngineProbeCache } from './engine-cache';
import { firstLine, formatCommand, runCommand } from './run-compose';

/** How to get each engine, for the error when an explicitly chosen one is missing. */
const INSTALL_HINTS: Record<ComposeEngineName, string> = {
  docker:
    "Install the Compose plugin (Debian/Ubuntu with Docker's apt repository: `apt-get install " +
    'docker-compose-plugin`; otherwise https://docs.docker.com/compose/install/)',
  'docker-compose':
    'Install the standalone docker-compose (https://docs.docker.com/compose/install/standalone/, ' +
    "or your distribution's docker-compose package)",
  podman:
    '`podman compose` needs podman 4.7 or newer plus a provider (docker-compose or podman-compose) on PATH',
  'podman-compose':
    "Install podman-compose (`pip install podman-compose` or your distribution's package)",
};

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
      throw invalidOptionError(
        project,
        ENGINE_ENV_VAR,
        fromEnv,
        `${allowed} Or unset the variable.`,
      );
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
 * Resolves the engine for one executor run by probing. Nothing is kept in memory between
 * runs: the PATH, the variable and the installed CLIs may differ from one task to the next
 * (the on-disk cache of `resolveEngineCached` checks exactly those).
 */
export async function resolveEngine(
  request: EngineRequest,
  probe: EngineProbe,
  project: string,
): Promise<ComposeEngine> {
  if (request.engine !== 'auto') {
    const result = await probe(request.engine);
    if (!result.ok) {
      throw engineUnusableError(
        project,
        request.engine,
        SOURCE_WORDS[request.source],
        {
          command: formatCommand(versionCommand(request.engine)),
          reason: result.reason,
        },
        INSTALL_HINTS[request.engine],
      );
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

/**
 * `resolveEngine` behind the on-disk probe cache: a hit (same request, PATH, engine
 * variables and CLI binaries) builds the engine from the cached version output without a
 * process; a miss probes and records the engine that answered. Failures are never cached.
 */
export async function resolveEngineCached(
  request: EngineRequest,
  probe: EngineProbe,
  project: string,
  cache: EngineProbeCache,
): Promise<{ engine: ComposeEngine; cached: boolean }> {
  const hit = cache.read(request.engine);
  if (hit) return { engine: createEngine(hit.name, hit.output), cached: true };
  let answered: { name: ComposeEngineName; output: string } | undefined;
  const recording: EngineProbe = async (name) => {
    const result = await probe(name);
    if (result.ok) answered = { name, output: result.output };
    return result;
  };
  const engine = await resolveEngine(request, recording, project);
  if (answered) cache.write(request.engine, answered);
  return { engine, cached: false };
}
