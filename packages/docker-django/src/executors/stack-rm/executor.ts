import { logger, type ExecutorContext } from '@nx/devkit';
import { runComposeExecutor } from '../lib/compose-session';
import { normalizeStackOptions } from '../lib/normalize-stack-options';
import { LOG_PREFIX } from '../lib/run-compose';
import { runStackCommand, waitForRemoval } from '../lib/stack-session';
import { stackRmCommand } from '../lib/swarm-commands';
import type { StackRmExecutorSchema } from './schema';

/**
 * `docker-django:stack-rm`: removes the project's Swarm stack and waits until its services
 * and networks are gone (`docker stack rm` returns before). Named volumes stay, as with
 * compose-down.
 */
export default async function stackRmExecutor(
  options: StackRmExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  return runComposeExecutor(async () => {
    const o = normalizeStackOptions(options, context, 120);
    const command = stackRmCommand(o.stackName);
    const ran = await runStackCommand(o, command, 'Check `docker stack ls`, then run it again.');
    if (!ran) return;
    await waitForRemoval(o);
    logger.info(`${LOG_PREFIX} Stack "${o.stackName}" removed (its volumes are kept).`);
  });
}
