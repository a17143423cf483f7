import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { compose } from '../../../../tools/testing/compose';
import { cleanEnv } from '../../../../tools/testing/env';
import { describeFailure, run, type RunResult } from '../../../../tools/testing/run';

/** One row of `docker compose ps --all --format json`. */
export interface ComposeContainerState {
  Service: string;
  State: string;
  /** '' when the service has no healthcheck. */
  Health: string;
  ExitCode: number;
  Name: string;
}

/**
 * Compose before 2.21 prints one JSON array, later versions one JSON object per line;
 * both are accepted so the suite does not depend on the compose release.
 */
export function parseComposePs(stdout: string): ComposeContainerState[] {
  const text = stdout.trim();
  if (text === '') return [];
  if (text.startsWith('[')) return JSON.parse(text) as ComposeContainerState[];
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ComposeContainerState);
}

/** The containers of a compose project, stopped ones included. */
export async function composeStates(
  project: string,
  cwd: string,
): Promise<ComposeContainerState[]> {
  const result = await compose(project, ['ps', '--all', '--format', 'json'], cwd);
  if (result.exitCode !== 0) throw new Error(describeFailure(result, 'docker compose ps failed'));
  return parseComposePs(result.stdout);
}

/** `{ State, Health, ExitCode }` of one service's only container, for a readable toEqual. */
export function serviceState(
  states: ComposeContainerState[],
  service: string,
): Pick<ComposeContainerState, 'State' | 'Health' | 'ExitCode'>[] {
  return states
    .filter((s) => s.Service === service)
    .map(({ State, Health, ExitCode }) => ({ State, Health, ExitCode }));
}

/**
 * `python manage.py shell -c <code>` in the running server container, as the image's user;
 * what Django printed is the last non-empty line of stdout.
 */
export async function djangoShell(
  project: string,
  cwd: string,
  code: string,
): Promise<{ result: RunResult; lastLine: string }> {
  const result = await compose(
    project,
    ['exec', '-T', 'server', 'python', 'manage.py', 'shell', '-c', code],
    cwd,
    2 * 60 * 1000,
  );
  const lines = result.stdout.split(/\r?\n/).filter((line) => line.trim() !== '');
  return { result, lastLine: (lines[lines.length - 1] ?? '').trim() };
}

/** Named volumes compose created for `volume` of `project` (found by compose's labels). */
export async function composeVolumes(project: string, volume: string): Promise<string[]> {
  const result = await run(
    'docker',
    [
      'volume',
      'ls',
      '-q',
      '--filter',
      `label=com.docker.compose.project=${project}`,
      '--filter',
      `label=com.docker.compose.volume=${volume}`,
    ],
    { cwd: tmpdir(), env: cleanEnv() },
  );
  if (result.exitCode !== 0) throw new Error(describeFailure(result, 'docker volume ls failed'));
  return result.stdout.split('\n').filter(Boolean);
}

/** One layer of a `docker save` archive: its entry names and its uncompressed bytes. */
export interface SavedLayer {
  path: string;
  entries: string[];
  bytes: Buffer;
}

/**
 * The layers of an image written by `docker save` and unpacked into `dir`, read from
 * manifest.json. Layers are plain tars (so every file's content is in them verbatim);
 * a gzipped layer is unzipped first.
 */
export function readSavedLayers(dir: string): SavedLayer[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf-8')) as Array<{
    Layers: string[];
  }>;
  const layers: SavedLayer[] = [];
  for (const layerPath of manifest.flatMap((m) => m.Layers)) {
    const full = join(dir, layerPath);
    const raw = readFileSync(full);
    const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
    layers.push({ path: layerPath, entries: tarEntries(bytes), bytes });
  }
  return layers;
}

/** Entry names of an uncompressed tar (ustar and GNU long names), read from its headers. */
export function tarEntries(tar: Buffer): string[] {
  const names: string[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('utf-8')
        .replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    if (type === 'L') {
      longName = body.toString('utf-8').replace(/\0.*$/s, '');
    } else if (type === 'x') {
      const path = /\d+ path=([^\n]*)\n/.exec(body.toString('utf-8'));
      if (path) longName = path[1];
    } else if (type !== 'g') {
      const prefix = field(345, 155);
      names.push(longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100)));
      longName = undefined;
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}
