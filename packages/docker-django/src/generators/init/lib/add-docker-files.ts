import type { Tree } from '@nx/devkit';
import { dockerFiles } from '../../lib/docker-files';
import type { NormalizedInitOptions } from '../../lib/normalize-options';
import { writeWithoutClobbering, type WriteOutcome } from '../../lib/write-without-clobbering';

/** Writes the generated files, keeping any existing file the user changed (unless --overwrite). */
export function addDockerFiles(
  tree: Tree,
  options: NormalizedInitOptions,
): Record<string, WriteOutcome> {
  const outcomes: Record<string, WriteOutcome> = {};
  for (const [path, content] of Object.entries(dockerFiles(options))) {
    outcomes[path] = writeWithoutClobbering(tree, path, content, options.overwrite);
  }
  return outcomes;
}
