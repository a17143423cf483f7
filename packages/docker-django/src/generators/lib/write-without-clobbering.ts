import { logger, type Tree } from '@nx/devkit';

/** `guarded`: kept whatever the flags, because writing it would lose data (reported by its guard). */
export type WriteOutcome = 'created' | 'updated' | 'unchanged' | 'kept' | 'guarded';

/**
 * Writes a generated file unless that would replace different content the user has: an
 * existing file that differs is kept (and reported) unless `overwrite` is set.
 */
export function writeWithoutClobbering(
  tree: Tree,
  path: string,
  content: string,
  overwrite: boolean,
): WriteOutcome {
  const existing = tree.read(path, 'utf-8');
  if (existing === null) {
    tree.write(path, content);
    return 'created';
  }
  if (existing === content) return 'unchanged';
  if (!overwrite) return 'kept';
  tree.write(path, content);
  return 'updated';
}

export function reportOutcomes(outcomes: Record<string, WriteOutcome>): void {
  const kept = Object.entries(outcomes).filter(([, outcome]) => outcome === 'kept');
  for (const [path] of kept) {
    logger.warn(
      `[docker-django] Kept ${path}: it differs from what the generator writes. Pass --overwrite to replace it.`,
    );
  }
}
