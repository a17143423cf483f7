// The on-disk cache of inferred results, as Nx's own plugins keep theirs (nrwl/nx
// packages/jest, packages/playwright: hash each project's inputs first, read the cache file
// from the workspace data directory, write it back in `finally`). Devkit's `PluginCache` is
// only in `@nx/devkit/internal`, which is not public, so this is our own: a JSON file of
// entries in least-recently-used-first order, bounded, written atomically (temporary file +
// rename, so concurrent plugin workers never leave half a file), and a file that does not
// parse is treated as empty.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// 2: compose-build lists its images in metadata for its hasher instead of a runtime input.
// 3: the build context's files are a project-level named input (dockerDjangoContext).
export const FORMAT = 3;

interface CacheFile<V> {
  format: typeof FORMAT;
  /** Least recently used first. */
  entries: Array<[string, V]>;
}

export { workspaceDataDirectory } from '../nx/workspace-data';

function readCacheFile<V>(path: string): Map<string, V> {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf-8')) as CacheFile<V>;
    if (parsed?.format !== FORMAT || !Array.isArray(parsed.entries)) return new Map();
    return new Map(
      parsed.entries.filter(
        (entry): entry is [string, V] =>
          Array.isArray(entry) && typeof entry[0] === 'string' && entry[1] != null,
      ),
    );
  } catch {
    // Missing, unreadable or corrupt: start empty, the next write replaces it.
    return new Map();
  }
}

/**
 * Inferred results keyed by a hash of their inputs, loaded from `path` once per graph
 * computation. Bounded: a write keeps every entry used in this run and then the most recently
 * used others, up to `maxEntries` in all, so edits of a project do not accumulate versions.
 */
export class InferredResultsCache<V> {
  private readonly entries: Map<string, V>;
  private readonly used = new Set<string>();
  private changed = false;

  constructor(
    readonly path: string,
    private readonly maxEntries: number,
  ) {
    this.entries = readCacheFile<V>(path);
    this.changed = this.entries.size > maxEntries;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) this.used.add(key);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    this.used.add(key);
    this.changed = true;
  }

  delete(key: string): void {
    this.changed = this.entries.delete(key) || this.changed;
    this.used.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entries a write keeps, least recently used first. */
  private retained(): Array<[string, V]> {
    const unused = [...this.entries].filter(([key]) => !this.used.has(key));
    const room = Math.max(0, this.maxEntries - this.used.size);
    const usedNow = [...this.used].flatMap((key) => {
      const value = this.entries.get(key);
      return value === undefined ? [] : [[key, value] as [string, V]];
    });
    return [...unused.slice(Math.max(0, unused.length - room)), ...usedNow];
  }

  /**
   * Writes the cache back when an entry was added, removed or evicted. Never throws: a cache
   * that cannot be written costs the next run its speed, not its result.
   */
  write(): void {
    if (!this.changed) return;
    const file: CacheFile<V> = { format: FORMAT, entries: this.retained() };
    const temporary = `${this.path}.${process.pid}.${Date.now()}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temporary, JSON.stringify(file));
      renameSync(temporary, this.path);
      this.changed = false;
    } catch {
      rmSync(temporary, { force: true });
    }
  }
}
