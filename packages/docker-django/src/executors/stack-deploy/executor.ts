import { logger, type ExecutorContext } from '@nx/devkit';
import { runComposeExecutor } from '../lib/compose-session';
import { commandFailedError } from '../lib/errors';
import { assertStackFile, normalizeStackOptions } from '../lib/normalize-stack-options';
import { formatCommand, LOG_PREFIX, runCommand } from '../lib/run-compose';
import { assertSwarmManager, publishedUrls, waitForConvergence } from '../lib/stack-session';
import { stackDeployCommand } from '../lib/swarm-commands';
import type { StackDeployExecutorSchema } from './schema';

// The engine's clock stamps update and task times; a little slack for a host a second apart.
const CLOCK_SLACK_MS = 5000;

/**
 * `docker-django:stack-deploy`: deploys the project's stack file to Docker Swarm with
 * `docker stack deploy --with-registry-auth`, then waits until every service converged (the
 * migration job completed, the server's replicas run the new spec) or reports the service
 * that failed with its tasks' errors.
 */
export default async function stackDeployExecutor(
  options: StackDeployExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  return runComposeExecutor(async () => {
    const o = normalizeStackOptions(options, context, 600);
    assertStackFile(o);
    const command = stackDeployCommand(o);
    if (o.dryRun) {
      logger.info(`${LOG_PREFIX} Dry run: ${formatCommand(command)}`);
      return;
    }
    await assertSwarmManager(o);
    const since = Date.now() - CLOCK_SLACK_MS;
    const result = await runCommand(command, { cwd: o.projectRoot, verbose: o.verbose });
    if (result.exitCode !== 0) {
      throw commandFailedError(
        o.project,
        o.target,
        formatCommand(command),
        result.exitCode,
        'Check the stack file and that the images are in the registry (compose-push), then run it again.',
      );
    }
    logger.info(
      `${LOG_PREFIX} Waiting up to ${o.timeout}s for stack "${o.stackName}" to converge.`,
    );
    await waitForConvergence(o, since);
    const urls = await publishedUrls(o);
    logger.info(
      `${LOG_PREFIX} Stack "${o.stackName}" converged.${urls.length ? ` ${urls.join(' ')}` : ''}`,
    );
  });
}
