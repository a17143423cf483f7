import { posix } from 'node:path';
import type { Tree } from '@nx/devkit';
import { requirementsClosure } from '../../python/requirements';

/**
 * A requirements file and every file it pulls in with -r/-c (recursively), as paths
 * relative to the project root. The Dockerfile bind-mounts each of them, so an include
 * resolves inside the builder exactly as it does on the developer's machine. Read with the
 * same reader as the project graph's edges.
 */
export function requirementFilesOf(tree: Tree, projectRoot: string, mainFile: string): string[] {
  // An include outside the project is outside the build context: Docker could not mount it.
  const read = (file: string) =>
    file.startsWith('../') ? null : tree.read(posix.join(projectRoot, file), 'utf-8');
  return requirementsClosure(read, mainFile).map(({ file }) => file);
}
