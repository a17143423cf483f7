import { logger } from '../../nx/log';
import { databaseAuthError, recogniseDatabaseAuthFailure } from '../lib/database-failures';
import { composePsCommand, composeStopCommand } from '../lib/compose-args';
import type { ComposeEngine } from '../lib/compose-engine';
import { servicesWithDependencies, type ComposeFileSummary } from '../lib/compose-file';
import {
  assertDaemonReachable,
  assertNotKnownBuildFailure,
  failCommand,
  listContainers,
  printServiceLogs,
} from '../lib/compose-session';
import { publishedUrls, type ContainerStatus } from '../lib/containers';
import { ComposeError, waitFailedError } from '../lib/errors';
import type { NormalizedUp } from '../lib/normalize-options';
import {
  LOG_PREFIX,
  formatCommand,
  runCommand,
  startCommand,
  type CommandSpec,
  type RunResult,
} from '../lib/run-compose';
import { runAttached } from '../lib/attach';
import { assessContainers, waitForContainers, type ContainerProblem } from '../lib/wait';

/** The steps of compose-up, in the order the executor calls them. */

/** Only the requested services and what they depend on count (all when none requested). */
function relevant(
  containers: ContainerStatus[],
  o: NormalizedUp,
  file: ComposeFileSummary,
): ContainerStatus[] {
  if (o.services.length === 0 || file.hasInclude) return containers;
  const watched = servicesWithDependencies(file, o.services);
  return containers.filter((c) => watched.includes(c.service));
}

async function failWait(
  engine: ComposeEngine,
  o: NormalizedUp,
  reason: 'failed' | 'timeout',
  problems: ContainerProblem[],
): Promise<never> {
  const logs = await printServiceLogs(
    engine,
    o,
    problems.map((p) => p.service),
  );
  const authFailure = recogniseDatabaseAuthFailure(logs);
  if (authFailure)
    throw databaseAuthError(o.project, o.composeProjectName, authFailure.role, o.downTarget);
  throw waitFailedError(
    o.project,
    o.composeProjectName,
    reason,
    problems,
    o.waitTimeout,
    o.downTarget,
  );
}

/** Emulates `up --wait` for engines without it by polling container state and health. */
export async function waitByPolling(
  engine: ComposeEngine,
  o: NormalizedUp,
  file: ComposeFileSummary,
): Promise<void> {
  logger.info(
    `${LOG_PREFIX} ${engine.label} has no usable \`up --wait\`: polling ` +
      `\`${formatCommand(composePsCommand(o, engine))}\` ` +
      `and \`${engine.containerCli} inspect\` until the services are running and healthy` +
      (o.waitTimeout !== undefined ? ` (at most ${o.waitTimeout}s)` : ''),
  );
  const outcome = await waitForContainers({
    poll: async () => relevant(await listContainers(engine, o), o, file),
    completionServices: file.completionServices,
    timeoutMs: o.waitTimeout === undefined ? undefined : o.waitTimeout * 1000,
    intervalMs: 1000,
  });
  if (!outcome.ok) await failWait(engine, o, outcome.reason, outcome.problems);
}

/**
 * After `up` failed: an unreachable daemon first, then the services that did not come up
 * (with their logs), else the generic failure.
 */
export async function explainUpFailure(
  engine: ComposeEngine,
  o: NormalizedUp,
  file: ComposeFileSummary,
  command: CommandSpec,
  result: RunResult,
): Promise<never> {
  if (!result.notFound) {
    assertNotKnownBuildFailure(o, command, result, file);
    await assertDaemonReachable(engine, o);
    let containers: ContainerStatus[] | undefined;
    try {
      containers = relevant(await listContainers(engine, o), o, file);
    } catch (e) {
      // Listing is best effort here: the failure of `up` itself is what we report.
      if (o.verbose) logger.info(`${LOG_PREFIX} ${(e as Error).message}`);
    }
    if (containers) {
      const verdict = assessContainers(containers, file.completionServices);
      if (verdict.status === 'failed') await failWait(engine, o, 'failed', verdict.problems);
      if (verdict.status === 'pending') {
        await failWait(
          engine,
          o,
          o.waitTimeout !== undefined ? 'timeout' : 'failed',
          verdict.pending,
        );
      }
    }
  }
  return failCommand(
    engine,
    o,
    command,
    result,
    `Fix the error shown above, then run \`nx run ${o.project}:${o.target}\` again.`,
    file,
  );
}

/** Logs `http://localhost:<port>` for each published port of the running services. */
export async function printServiceUrls(engine: ComposeEngine, o: NormalizedUp): Promise<void> {
  let containers: ContainerStatus[];
  try {
    containers = await listContainers(engine, o);
  } catch (e) {
    // The stack is up; failing to list its ports is worth a warning, not a failed task.
    logger.warn(
      `${LOG_PREFIX} project "${o.project}" is up, but its URLs are unknown: ${(e as Error).message}`,
    );
    return;
  }
  const urls = publishedUrls(containers);
  if (urls.length === 0) {
    logger.info(
      `${LOG_PREFIX} project "${o.project}" is up (compose project "${o.composeProjectName}"); no ports are published.`,
    );
    return;
  }
  logger.info(
    `${LOG_PREFIX} project "${o.project}" is up (compose project "${o.composeProjectName}"):`,
  );
  for (const u of urls) {
    logger.info(`${LOG_PREFIX}   ${u.service}: ${u.url} (container port ${u.containerPort})`);
  }
}

/**
 * `up` in the foreground; on SIGINT/SIGTERM the containers are stopped and the compose child
 * is gone before the executor returns.
 */
export async function runAttachedUp(
  engine: ComposeEngine,
  o: NormalizedUp,
  command: CommandSpec,
  file?: ComposeFileSummary,
): Promise<boolean> {
  const stopCommand = composeStopCommand(o, engine);
  const outcome = await runAttached({
    // Tee'd like the detached `up`: a build it runs first is explained from its output.
    start: () => startCommand(command, { cwd: o.projectRoot, verbose: o.verbose, tee: true }),
    stop: () => runCommand(stopCommand, { cwd: o.projectRoot, verbose: o.verbose }),
    signals: process,
    onSignal: (signal) =>
      logger.info(
        `${LOG_PREFIX} ${signal} received: stopping the containers of project "${o.project}"`,
      ),
  });
  if (outcome.interrupted) {
    if (outcome.stopResult && outcome.stopResult.exitCode !== 0) {
      throw new ComposeError(
        `Could not stop the containers of project "${o.project}" after ${outcome.interrupted}: ` +
          `\`${formatCommand(stopCommand)}\` exited with code ${outcome.stopResult.exitCode ?? 'unknown'}. ` +
          `Run \`nx run ${o.project}:${o.downTarget}\` to remove them.`,
      );
    }
    logger.info(`${LOG_PREFIX} stopped the containers of project "${o.project}".`);
    return true;
  }
  if (outcome.result.exitCode !== 0) {
    return failCommand(
      engine,
      o,
      command,
      outcome.result,
      `Fix the error shown above, then run \`nx run ${o.project}:${o.target}\` again.`,
      file,
    );
  }
  return true;
}
