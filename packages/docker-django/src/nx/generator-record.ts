// compose.yaml's `x-docker-django` record as the generator meant it. Compose interpolates x-
// fields too, so the generator writes every string of the record with each `$` doubled
// (composeLiterals); every reader takes the record from here, so none sees a `$$` that compose
// and the generator mean as `$`. Light to load: the plugin entry reads it on a cache miss.
import { composeLiteralValues } from '../generators/lib/syntax/compose';

/** The record of a parsed compose file with every string undoubled; null when there is none. */
export function generatorRecordOf(composeRoot: unknown): Record<string, unknown> | null {
  if (typeof composeRoot !== 'object' || composeRoot === null) return null;
  const record = (composeRoot as Record<string, unknown>)['x-docker-django'];
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return null;
  return composeLiteralValues(record as Record<string, unknown>);
}
