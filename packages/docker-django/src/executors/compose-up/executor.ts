import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../../nx/log';
import { composeUpCommand, waitStrategy } from '../lib/compose-args';
import { prepareCompose, printDryRun, runComposeExecutor } from '../lib/compose-session';
import { normalizeUpOptions } from '../lib/normalize-options';
import { LOG_PREFIX, runCommand } from '../lib/run-compose';
import type { ComposeUpExecutorSchema } from './schema';
import { explainUpFailure, printServiceUrls, runAttachedUp, waitByPolling } from './up-steps';

/**
 * `docker-django:compose-up`: starts the project's stack detached, waits until its services
 * are running and healthy, then prints the URL of each published port. With `attach` it
 * runs in the foreground and stops the containers when interrupted.
 */
export default async function composeUpExecutor(
  options: ComposeUpExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  return runComposeExecutor(async () => {
    const o = normalizeUpOptions(options, context);
    const { engine, file } = await prepareCompose(o, o.services);
    const command = composeUpCommand(o, engine);
    const strategy = waitStrategy(o, engine);
    if (o.dryRun) {
      printDryRun(command, o);
      if (strategy === 'emulated') {
        logger.info(
          `${LOG_PREFIX} then polls the container states until healthy (${engine.label} has no usable up --wait)`,
        );
      }
      return;
    }
    if (o.attach) return runAttachedUp(engine, o, command, file);
    // Tee'd: `up` builds missing images, and a failed build is explained from its output.
    const result = await runCommand(command, { cwd: o.projectRoot, verbose: o.verbose, tee: true });
    if (result.exitCode !== 0) await explainUpFailure(engine, o, file, command, result);
    if (strategy === 'emulated') await waitByPolling(engine, o, file);
    await printServiceUrls(engine, o);
  });
}
