import { logger, type ExecutorContext } from '@nx/devkit';
import { runComposeExecutor } from '../lib/compose-session';
import { assertStackFile, normalizeStackOptions } from '../lib/normalize-stack-options';
import { LOG_PREFIX } from '../lib/run-compose';
import { publishedUrls, runStackCommand, waitForConvergence } from '../lib/stack-session';
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
    const ran = await runStackCommand(
      o,
      stackDeployCommand(o),
      'Check the stack file and that the images are in the registry (compose-push), then run it again.',
    );
    if (!ran) return;
    logger.info(
      `${LOG_PREFIX} Waiting up to ${o.timeout}s for stack "${o.stackName}" to converge.`,
    );
    await waitForConvergence(o, ran.startedAt - CLOCK_SLACK_MS);
    const urls = await publishedUrls(o);
    logger.info(
      `${LOG_PREFIX} Stack "${o.stackName}" converged.${urls.length ? ` ${urls.join(' ')}` : ''}`,
    );
  });
}
