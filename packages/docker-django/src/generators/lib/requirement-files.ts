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
  // Includes outside the project are listed too: filesOutsideContext() refuses the ones the
  // build context does not hold, rather than leave them out of the Dockerfile's mounts.
  const read = (file: string) => tree.read(posix.join(projectRoot, file), 'utf-8');
  return requirementsClosure(read, mainFile).map(({ file }) => file);
}

/**
 * The requirement files (project-relative) that lie outside the build context, which the
 * Dockerfile could not bind-mount: a `-r ../../shared/base.txt` from an app built from its own
 * folder. The generator refuses them rather than write a Dockerfile that cannot build.
 */
export function filesOutsideContext(
  projectRoot: string,
  files: readonly string[],
  context: string,
): string[] {
  const contextRoot = posix.normalize(posix.join(projectRoot, context));
  return files.filter((file) => {
    const path = posix.normalize(posix.join(projectRoot, file));
    const fromContext = posix.relative(contextRoot === '.' ? '' : contextRoot, path);
    return fromContext === '..' || fromContext.startsWith('../') || posix.isAbsolute(file);
  });
}
