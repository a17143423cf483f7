import { joinPathFragments, logger, type Tree } from '@nx/devkit';
import { dockerFiles } from '../../lib/docker-files';
import type { NormalizedInitOptions } from '../../lib/normalize-options';
import { postgresDataConflict } from '../../lib/postgres-data-guard';
import { writeWithoutClobbering, type WriteOutcome } from '../../lib/write-without-clobbering';

/**
 * Writes the generated files, keeping any existing file the user changed (unless --overwrite).
 * A compose.yaml whose database would move to another PostgreSQL major or data path is kept
 * even with --overwrite, and the way to upgrade is printed; the other files follow the flags.
 */
export function addDockerFiles(
  tree: Tree,
  options: NormalizedInitOptions,
  downTarget: string,
): Record<string, WriteOutcome> {
  const composePath = joinPathFragments(options.projectRoot, 'compose.yaml');
  const conflict = postgresDataConflict(tree.read(composePath, 'utf-8'), options, downTarget);
  if (conflict) logger.warn(conflict);
  const outcomes: Record<string, WriteOutcome> = {};
  for (const [path, content] of Object.entries(dockerFiles(options))) {
    outcomes[path] =
      conflict && path === composePath
        ? 'guarded'
        : writeWithoutClobbering(tree, path, content, options.overwrite);
  }
  return outcomes;
}
