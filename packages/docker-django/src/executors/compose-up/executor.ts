import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../../nx/log';
import { buildImages } from '../lib/build-step';
import { composeBuildCommand, composeUpCommand, waitStrategy } from '../lib/compose-args';
import { servicesWithDependencies, type ComposeFileSummary } from '../lib/compose-file';
import { prepareCompose, printDryRun, runComposeExecutor } from '../lib/compose-session';
import { contentKey } from '../lib/content-tags';
import {
  normalizeUpOptions,
  type NormalizedBuild,
  type NormalizedUp,
} from '../lib/normalize-options';
import { LOG_PREFIX, runCommand } from '../lib/run-compose';
import type { ComposeUpExecutorSchema } from './schema';
import { assertScalable } from './scale';
import { explainUpFailure, printServiceUrls, runAttachedUp, waitByPolling } from './up-steps';

/**
 * The build compose-up runs first, itself rather than through `dependsOn` on compose-build:
 * Nx 22 ends `nx run` with 130 (as if interrupted) when a task's dependency fails, so a failed
 * build would hide behind an exit code that means Ctrl+C. Only the images of the services
 * `up` starts; null when `--build` has compose rebuild them anyway, or none is built here.
 */
function buildStep(o: NormalizedUp, file: ComposeFileSummary): NormalizedBuild | null {
  if (o.build) return null;
  const started = new Set(servicesWithDependencies(file, o.services));
  const built = Object.keys(file.builtImages).filter((s) => started.has(s));
  if (built.length === 0 && !file.hasInclude) return null;
  const services = o.services.length === 0 ? [] : built;
  return { ...o, services, pull: false, noCache: false, buildArgs: [] };
}

/**
 * `docker-django:compose-up`: builds the images that are not built from these inputs yet,
 * starts the project's stack detached, waits until its services are running and healthy,
 * then prints the URL of each published port. With `attach` it runs in the foreground and
 * stops the containers when interrupted.
 */
export default async function composeUpExecutor(
  options: ComposeUpExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  return runComposeExecutor(async () => {
    const o = normalizeUpOptions(options, context);
    const { engine, file } = await prepareCompose(o, o.services);
    assertScalable(o, file);
    const build = buildStep(o, file);
    const command = composeUpCommand(o, engine);
    const strategy = waitStrategy(o, engine);
    if (o.dryRun) {
      if (build) printDryRun(composeBuildCommand(build, engine), o);
      printDryRun(command, o);
      if (strategy === 'emulated') {
        logger.info(
          `${LOG_PREFIX} then polls the container states until healthy (${engine.label} has no usable up --wait)`,
        );
      }
      return;
    }
    if (build) await buildImages(engine, build, file, contentKey(context), 'nxup');
    if (o.attach) return runAttachedUp(engine, o, command, file);
    // Tee'd: `up` builds missing images, and a failed build is explained from its output.
    const result = await runCommand(command, { cwd: o.projectRoot, verbose: o.verbose, tee: true });
    if (result.exitCode !== 0) await explainUpFailure(engine, o, file, command, result);
    if (strategy === 'emulated') await waitByPolling(engine, o, file);
    await printServiceUrls(engine, o);
  });
}
