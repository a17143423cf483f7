import { logger, type ExecutorContext } from '@nx/devkit';
import { runComposeExecutor } from '../lib/compose-session';
import { commandFailedError } from '../lib/errors';
import { normalizeStackOptions } from '../lib/normalize-stack-options';
import { formatCommand, LOG_PREFIX, runCommand } from '../lib/run-compose';
import { assertSwarmManager, waitForRemoval } from '../lib/stack-session';
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
    if (o.dryRun) {
      logger.info(`${LOG_PREFIX} Dry run: ${formatCommand(command)}`);
      return;
    }
    await assertSwarmManager(o);
    const result = await runCommand(command, { cwd: o.projectRoot, verbose: o.verbose });
    if (result.exitCode !== 0) {
      throw commandFailedError(
        o.project,
        o.target,
        formatCommand(command),
        result.exitCode,
        'Check `docker stack ls`, then run it again.',
      );
    }
    await waitForRemoval(o);
    logger.info(`${LOG_PREFIX} Stack "${o.stackName}" removed (its volumes are kept).`);
  });
}
