// What the plugin entry needs from heavier modules, without loading them up front. Nx starts
// a worker process for each plugin and loads its entry on every graph computation without the
// daemon; `@nx/devkit` alone costs that worker about 200 ms more than Nx's own modules (and
// `yaml` is loaded only for a compose file the plain reader leaves to it: files/plain-yaml.ts).
import { createHash } from 'node:crypto';
import type { CreateNodesContextV2, CreateNodesResult } from '@nx/devkit';

/** A stable hash of a list of strings (each length-prefixed, so no two lists collide). */
export function hashStrings(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest('hex');
}

/**
 * Devkit's `createNodesFromFiles`: each file's result, and one AggregateCreateNodesError (which
 * Nx reports file by file) when some failed. Devkit is loaded only then.
 */
export async function createNodesForFiles(
  infer: (
    file: string,
    context: CreateNodesContextV2,
  ) => CreateNodesResult | Promise<CreateNodesResult>,
  files: readonly string[],
  context: CreateNodesContextV2,
): Promise<Array<readonly [string, CreateNodesResult]>> {
  const results: Array<[string, CreateNodesResult]> = [];
  const errors: Array<[string, Error]> = [];
  for (const file of files) {
    try {
      results.push([file, await infer(file, context)]);
    } catch (error) {
      errors.push([file, error as Error]);
    }
  }
  if (errors.length === 0) return results;
  const { AggregateCreateNodesError } = require('@nx/devkit') as typeof import('@nx/devkit');
  throw new AggregateCreateNodesError(errors, results);
}
