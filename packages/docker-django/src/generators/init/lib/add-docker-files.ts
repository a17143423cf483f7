import type { Tree } from '@nx/devkit';
import { dockerFiles } from './docker-files';
import type { NormalizedInitOptions } from './normalize-options';
import { writeWithoutClobbering, type WriteOutcome } from '../../../utils/write-without-clobbering';

/** Writes the generated files, keeping any existing file the user changed (unless --overwrite). */
export function addDockerFiles(tree: Tree, options: NormalizedInitOptions): Record<string, WriteOutcome> {
  const outcomes: Record<string, WriteOutcome> = {};
  for (const [path, content] of Object.entries(dockerFiles(options))) {
    outcomes[path] = writeWithoutClobbering(tree, path, content, options.overwrite);
  }
  return outcomes;
}
