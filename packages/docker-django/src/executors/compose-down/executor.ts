import type { ExecutorContext } from '@nx/devkit';
import { composeDownCommand } from '../lib/compose-args';
import {
  failCommand,
  prepareCompose,
  printDryRun,
  runComposeExecutor,
} from '../lib/compose-session';
import { normalizeDownOptions } from '../lib/normalize-options';
import { runCommand } from '../lib/run-compose';
import type { ComposeDownExecutorSchema } from './schema';

/**
 * `docker-django:compose-down`: stops and removes the project's containers and networks.
 * Named volumes (the database) are kept unless `volumes` is true.
 */
export default async function composeDownExecutor(
  options: ComposeDownExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  return runComposeExecutor(async () => {
    const o = normalizeDownOptions(options, context);
    const { engine } = await prepareCompose(o, []);
    const command = composeDownCommand(o, engine);
    if (o.dryRun) return printDryRun(command, o);
    const result = await runCommand(command, { cwd: o.projectRoot, verbose: o.verbose });
    if (result.exitCode !== 0) {
      await failCommand(
        engine,
        o,
        command,
        result,
        `Check the error shown above, then run \`nx run ${o.project}:${o.target}\` again.`,
      );
    }
  });
}
