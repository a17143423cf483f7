import type { ExecutorContext } from '@nx/devkit';
import { buildImages } from '../lib/build-step';
import { composeBuildCommand } from '../lib/compose-args';
import { prepareCompose, printDryRun, runComposeExecutor } from '../lib/compose-session';
import { contentKey } from '../lib/content-tags';
import { normalizeBuildOptions } from '../lib/normalize-options';
import type { ComposeBuildExecutorSchema } from './schema';

/**
 * `docker-django:compose-build`: builds the images of the project's compose file, unless the
 * engine already holds images built from exactly these inputs (see content-tags.ts).
 */
export default async function composeBuildExecutor(
  options: ComposeBuildExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  return runComposeExecutor(async () => {
    const o = normalizeBuildOptions(options, context);
    const { engine, file } = await prepareCompose(o, o.services);
    if (o.dryRun) return printDryRun(composeBuildCommand(o, engine), o);
    const key = o.noCache || o.pull ? undefined : contentKey(context);
    await buildImages(engine, o, file, key, 'nx');
  });
}
