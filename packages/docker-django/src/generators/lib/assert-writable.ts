import { type Tree } from '@nx/devkit';
import { existsSync } from 'node:fs';
import { writeProblems, type WriteTarget } from '../../files/write-targets';

export class WriteCheckError extends Error {}

/**
 * Checks, on the real filesystem, every change the generator made to the Tree before Nx
 * writes any of them: inside the workspace once symbolic links are resolved, folders that are
 * folders, files that are writable regular files. Throws one error listing every problem, so
 * the run writes nothing. A Tree with no folder on disk (unit tests' virtual tree) has
 * nothing to check.
 */
export function assertChangesWritable(tree: Tree): void {
  assertWritable(
    tree,
    tree.listChanges().map((change) => ({
      path: change.path,
      kind: change.type === 'DELETE' ? ('delete' as const) : ('write' as const),
    })),
  );
}

/** The same check for paths a generator is about to write (before it touches the Tree). */
export function assertPathsWritable(tree: Tree, paths: readonly string[]): void {
  assertWritable(
    tree,
    paths.map((path) => ({ path, kind: 'write' as const })),
  );
}

function assertWritable(tree: Tree, targets: WriteTarget[]): void {
  if (!existsSync(tree.root)) return;
  const problems = writeProblems(tree.root, targets);
  if (problems.length === 0) return;
  throw new WriteCheckError(
    `[docker-django] Nothing was written: ${problems.length === 1 ? 'a path' : 'some paths'} ` +
      `cannot be written safely.\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
}
