import { logger } from '../../nx/log';
import { composeLogsCommand, composePsCommand } from './compose-args';
import type { ComposeEngine } from './compose-engine';
import { engineCacheFile, engineProbeCache } from './engine-cache';
import { commandProbe, resolveEngineCached } from './engine-selection';
import { describeBuildFailure, recogniseBuildFailure } from './build-failures';
import { redactUrls } from './redact';
import { assertServicesExist, readComposeFile, type ComposeFileSummary } from './compose-file';
import { parseIds, parseInspectJson, parsePsJson, type ContainerStatus } from './containers';
import {
  ComposeError,
  commandFailedError,
  daemonUnreachableError,
  dockerCliMissingError,
} from './errors';
import type { NormalizedCommon } from './normalize-options';
import {
  LOG_PREFIX,
  firstLine,
  formatCommand,
  runCommand,
  type CommandSpec,
  type RunResult,
} from './run-compose';

/**
 * The steps the three compose executors share: check the compose file, pick the engine,
 * print a dry run, explain a failure, list containers, show logs. Every call receives the
 * normalised options; no state survives between executor runs.
 */
export async function runComposeExecutor(
  body: () => Promise<boolean | void>,
): Promise<{ success: boolean }> {
  try {
    const result = await body();
    return { success: result !== false };
  } catch (e) {
    if (e instanceof ComposeError) {
      logger.error(`${LOG_PREFIX} ${e.message}`);
    } else {
      logger.error(
        `${LOG_PREFIX} Unexpected error: ${redactUrls(e instanceof Error ? e.message : String(e))}`,
      );
      if (e instanceof Error && e.stack) logger.verbose(e.stack);
    }
    return { success: false };
  }
}

export interface PreparedCompose {
  engine: ComposeEngine;
  file: ComposeFileSummary;
}

/** Validates the compose file and the requested services, then resolves the engine. */
export async function prepareCompose(
  o: NormalizedCommon,
  services: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<PreparedCompose> {
  const file = readComposeFile(o.composeFile, o.project);
  // The generator records each stack's own compose project (unique per workspace and
  // project); every command of this run uses it. Per run: `o` lives as long as the executor call.
  if (!o.composeProjectNameGiven && file.composeProject) o.composeProjectName = file.composeProject;
  assertServicesExist(file, services, o.project);
  const { engine, cached } = await resolveEngineCached(
    o.engine,
    commandProbe({ cwd: o.projectRoot, env, verbose: o.verbose }),
    o.project,
    engineProbeCache(engineCacheFile(o.workspaceRoot, env), env),
  );
  if (o.verbose) {
    logger.info(
      `${LOG_PREFIX} engine: ${engine.label} (${engine.flavour} ` +
        `${engine.version ?? 'unknown version'}, ${o.engine.source}` +
        `${cached ? ', probe cached under the workspace data directory' : ''})`,
    );
  }
  return { engine, file };
}

export function printDryRun(command: CommandSpec, o: NormalizedCommon): void {
  logger.info(`${LOG_PREFIX} dry run, nothing is executed (cwd ${o.projectRoot}):`);
  logger.info(`${LOG_PREFIX} ${formatCommand(command)}`);
}

/** Throws when the engine's daemon cannot be reached; silent when it can (or cannot tell). */
export async function assertDaemonReachable(
  engine: ComposeEngine,
  o: NormalizedCommon,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const result = await runCommand(engine.infoCommand(), {
    cwd: o.projectRoot,
    capture: true,
    quiet: true,
    verbose: o.verbose,
    timeoutMs: 30_000,
  });
  // No docker CLI beside a standalone docker-compose: compose's own output has to do.
  if (result.notFound) return;
  if (result.exitCode !== 0) {
    throw daemonUnreachableError(o.project, engine.containerCli, firstLine(result), env);
  }
}

/**
 * Throws the explanation of a recognised image build failure (pip found no distribution,
 * pg_config missing, no adduser) read from the tee'd tail of compose's output; else nothing.
 */
export function assertNotKnownBuildFailure(
  o: NormalizedCommon,
  command: CommandSpec,
  result: RunResult,
  file: ComposeFileSummary | undefined,
): void {
  if (!result.output) return;
  const failure = recogniseBuildFailure(result.output, Object.keys(file?.builtImages ?? {}));
  if (!failure) return;
  const code = result.exitCode === undefined ? 'was killed' : `exited with code ${result.exitCode}`;
  throw new ComposeError(
    `${describeBuildFailure(failure, o.target, o.project)} (\`${formatCommand(command)}\` ${code}; ` +
      'its output is above.)',
  );
}

/**
 * Turns a failed compose command into an actionable error: a recognised build failure, then
 * an unreachable daemon (checked only now, never before a command), then the generic one.
 */
export async function failCommand(
  engine: ComposeEngine,
  o: NormalizedCommon,
  command: CommandSpec,
  result: RunResult,
  fix: string,
  file?: ComposeFileSummary,
): Promise<never> {
  if (result.notFound) {
    throw new ComposeError(
      `"${command.file}" disappeared from PATH while running ${o.target} of project ` +
        `"${o.project}". Reinstall it or choose another --engine.`,
    );
  }
  assertNotKnownBuildFailure(o, command, result, file);
  await assertDaemonReachable(engine, o);
  throw commandFailedError(o.project, o.target, formatCommand(command), result.exitCode, fix);
}

function parseOrFail<T>(
  parse: () => T,
  o: NormalizedCommon,
  command: CommandSpec,
  text: string,
): T {
  try {
    return parse();
  } catch (e) {
    throw new ComposeError(
      `Cannot read the output of \`${formatCommand(command)}\` for project "${o.project}" (${(e as Error).message}): ` +
        `"${text.slice(0, 200)}". Run it by hand to check; a newer compose may have changed its format.`,
    );
  }
}

/** The project's containers in every state, from `ps --format json` or `ps -q` + inspect. */
export async function listContainers(
  engine: ComposeEngine,
  o: NormalizedCommon,
): Promise<ContainerStatus[]> {
  const ps = composePsCommand(o, engine);
  const quiet = { cwd: o.projectRoot, capture: true, quiet: true, verbose: o.verbose };
  const listed = await runCommand(ps, quiet);
  if (listed.exitCode !== 0) {
    throw new ComposeError(
      `Cannot list the containers of project "${o.project}": \`${formatCommand(ps)}\` failed (${firstLine(listed)}). ` +
        'Run it by hand to see why.',
    );
  }
  if (engine.supports('psJson')) {
    return parseOrFail(() => parsePsJson(listed.stdout), o, ps, listed.stdout);
  }
  const ids = parseIds(listed.stdout);
  if (ids.length === 0) return [];
  const inspect = engine.inspectCommand(ids);
  const inspected = await runCommand(inspect, quiet);
  if (inspected.notFound) {
    throw dockerCliMissingError(o.project, engine.containerCli, 'read the state of the containers');
  }
  // A container removed between `ps` and `inspect` fails the call, but the others are printed.
  if (inspected.exitCode !== 0 && inspected.stdout.trim() === '') {
    throw new ComposeError(
      `Cannot inspect the containers of project "${o.project}": \`${formatCommand(inspect)}\` ` +
        `failed (${firstLine(inspected)}). ` +
        'Run it by hand to see why.',
    );
  }
  return parseOrFail(() => parseInspectJson(inspected.stdout), o, inspect, inspected.stdout);
}

export const LOG_TAIL_LINES = 30;

/** Streams the last log lines of each service, so a failure explains itself. */
export async function printServiceLogs(
  engine: ComposeEngine,
  o: NormalizedCommon,
  services: string[],
): Promise<string> {
  let logs = '';
  for (const service of [...new Set(services)].slice(0, 5)) {
    logger.info(`${LOG_PREFIX} last ${LOG_TAIL_LINES} log lines of service "${service}":`);
    // Kept as well as shown, so a failure the logs explain can be named.
    const result = await runCommand(composeLogsCommand(o, engine, service, LOG_TAIL_LINES), {
      cwd: o.projectRoot,
      verbose: o.verbose,
      tee: true,
    });
    logs += result.output ?? '';
  }
  return logs;
}
