import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMAT, InferredResultsCache, workspaceDataDirectory } from './inferred-cache';

describe('InferredResultsCache', () => {
  let dir: string;
  let path: string;

  const stored = () =>
    (JSON.parse(readFileSync(path, 'utf-8')) as { entries: Array<[string, number]> }).entries;
  /** A file as a previous run left it, least recently used first. */
  const previousRun = (keys: string[]) =>
    writeFileSync(path, JSON.stringify({ format: FORMAT, entries: keys.map((k, i) => [k, i]) }));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'docker-django-cache-'));
    path = join(dir, 'data', 'nodes.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what a previous run wrote', () => {
    const first = new InferredResultsCache<number>(path, 10);
    first.set('a', 1);
    first.write();
    expect(new InferredResultsCache<number>(path, 10).get('a')).toBe(1);
  });

  it('keeps at most its bound, dropping the entries used least recently', () => {
    mkdirSync(join(dir, 'data'));
    previousRun(['old', 'middle', 'recent']);
    const cache = new InferredResultsCache<number>(path, 3);
    cache.get('old');
    cache.set('new', 9);
    cache.write();
    // Used in this run: old and new; of the others, only the most recent fits.
    expect(stored().map(([key]) => key)).toEqual(['recent', 'old', 'new']);
  });

  it('keeps every entry used in this run, even beyond the bound', () => {
    const cache = new InferredResultsCache<number>(path, 1);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.write();
    expect(stored()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('trims a file over its bound on the next write', () => {
    mkdirSync(join(dir, 'data'));
    previousRun(['a', 'b', 'c']);
    new InferredResultsCache<number>(path, 2).write();
    expect(stored().map(([key]) => key)).toEqual(['b', 'c']);
  });

  it('forgets a deleted entry', () => {
    const cache = new InferredResultsCache<number>(path, 2);
    cache.set('a', 1);
    cache.delete('a');
    cache.write();
    expect(new InferredResultsCache<number>(path, 2).get('a')).toBeUndefined();
  });

  it('does not write when nothing changed', () => {
    const cache = new InferredResultsCache<number>(path, 2);
    expect(cache.get('a')).toBeUndefined();
    cache.write();
    expect(existsSync(path)).toBe(false);
  });

  it.each([
    ['half a file', '{"format":1,"entries":[["a",'],
    ['another format', '{"format":0,"entries":[["a",1]]}'],
    ['entries that are not pairs', '{"format":1,"entries":[1,"a",null,["b"]]}'],
    ['not JSON', '\u0000\u0001'],
  ])('treats %s as an empty cache', (_, text) => {
    mkdirSync(join(dir, 'data'));
    writeFileSync(path, text);
    const cache = new InferredResultsCache<number>(path, 2);
    expect(cache.size).toBe(0);
    cache.set('c', 3);
    cache.write();
    expect(stored()).toEqual([['c', 3]]);
  });

  it('writes through a temporary file and leaves none behind', () => {
    const cache = new InferredResultsCache<number>(path, 2);
    cache.set('a', 1);
    cache.write();
    expect(readdirSync(join(dir, 'data'))).toEqual(['nodes.json']);
  });

  it('does not throw when the file cannot be written', () => {
    mkdirSync(path, { recursive: true }); // a folder where the file should be
    const cache = new InferredResultsCache<number>(path, 2);
    cache.set('a', 1);
    expect(() => cache.write()).not.toThrow();
    expect(readdirSync(join(dir, 'data'))).toEqual(['nodes.json']);
  });
});

describe('workspaceDataDirectory', () => {
  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['.nx/workspace-data by default', {}, '/ws/.nx/workspace-data'],
    ['NX_WORKSPACE_DATA_DIRECTORY, relative', { NX_WORKSPACE_DATA_DIRECTORY: 'd' }, '/ws/d'],
    ['NX_WORKSPACE_DATA_DIRECTORY, absolute', { NX_WORKSPACE_DATA_DIRECTORY: '/d' }, '/d'],
    [
      'NX_PROJECT_GRAPH_CACHE_DIRECTORY, its older name',
      { NX_PROJECT_GRAPH_CACHE_DIRECTORY: '/g' },
      '/g',
    ],
  ])('is %s', (_, env, expected) => {
    expect(workspaceDataDirectory('/ws', env)).toBe(expected);
  });

  it('is under node_modules/.cache in a Lerna repository without nx.json, as Nx does', () => {
    const root = mkdtempSync(join(tmpdir(), 'docker-django-lerna-'));
    try {
      writeFileSync(join(root, 'lerna.json'), '{}');
      expect(workspaceDataDirectory(root, {})).toBe(
        join(root, 'node_modules', '.cache', 'nx-workspace-data'),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
