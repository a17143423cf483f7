import { createHash, randomBytes } from 'crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { delimiter, join } from 'path';
import { workspaceDataDirectory } from '../../nx/workspace-data';
import { DETECTION_ORDER, type ComposeEngineName, type EngineOption } from './compose-engine';

/**
 * The engine probe (`docker compose version`, ~300 ms) cached on disk, so a task pays a few
 * stat calls instead of a process. An entry is valid while everything the probe's answer
 * depends on is unchanged: the engine asked for, PATH and the variables that pick the
 * engine's CLI config or host, and each CLI the probe ran (or found missing) with its
 * path, size, inode and modification time — an upgraded binary, a new one earlier on PATH, or
 * a different compose plugin is a miss. Written atomically (temp file + rename); a missing,
 * unreadable or corrupt file is a miss, and a failed write only costs the next task a probe.
 */
export interface CachedProbe {
  name: ComposeEngineName;
  /** The version command's output, from which `createEngine` reads flavour and version. */
  output: string;
}

export interface EngineProbeCache {
  read(request: EngineOption): CachedProbe | undefined;
  write(request: EngineOption, probe: CachedProbe): void;
}

const FORMAT_VERSION = 1;
const MAX_ENTRIES = 16;
/** Variables that change which CLI runs or what it talks to. */
const KEY_VARIABLES = ['PATH', 'DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG', 'CONTAINER_HOST'];

interface Entry {
  engine: ComposeEngineName;
  fingerprint: string;
  output: string;
  savedAt: number;
}

interface CacheFile {
  version: number;
  entries: Record<string, Entry>;
}

/** `<workspace data directory>/docker-django/engine-probe.json` (see nx/workspace-data.ts). */
export function engineCacheFile(workspaceRoot: string, env: NodeJS.ProcessEnv): string {
  return join(workspaceDataDirectory(workspaceRoot, env), 'docker-django', 'engine-probe.json');
}

function describeFile(path: string): string | undefined {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats || !stats.isFile()) return undefined;
  return `${path}@${stats.mtimeMs}:${stats.size}:${stats.ino}:${stats.mode & 0o777}`;
}

/** The first executable `name` on PATH, described; `-` when there is none. */
function onPath(name: string, env: NodeJS.ProcessEnv): string {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, name);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isFile() && (stats.mode & 0o111) !== 0) return describeFile(path) ?? '-';
  }
  return '-';
}

/** Where the docker CLI looks for its compose plugin (docker/cli's default plugin dirs). */
function composePluginDirs(env: NodeJS.ProcessEnv): string[] {
  const config = env['DOCKER_CONFIG'] || join(env['HOME'] || homedir(), '.docker');
  return [
    join(config, 'cli-plugins'),
    '/usr/local/lib/docker/cli-plugins',
    '/usr/local/libexec/docker/cli-plugins',
    '/usr/lib/docker/cli-plugins',
    '/usr/libexec/docker/cli-plugins',
  ];
}

function composePlugins(env: NodeJS.ProcessEnv): string[] {
  return composePluginDirs(env).map((dir) => describeFile(join(dir, 'docker-compose')) ?? '-');
}

/** The files whose change can change the answer of one engine's version probe. */
function engineFiles(name: ComposeEngineName, env: NodeJS.ProcessEnv): string[] {
  switch (name) {
    case 'docker':
      return [onPath('docker', env), ...composePlugins(env)];
    case 'podman':
      // `podman compose` runs an external provider: docker-compose or podman-compose.
      return [
        onPath('podman', env),
        onPath('docker-compose', env),
        onPath('podman-compose', env),
        ...composePlugins(env),
      ];
    default:
      return [onPath(name, env)];
  }
}

/** The engines a request probes, in order, when `winner` answers: auto stops at the first. */
function probedEngines(request: EngineOption, winner: ComposeEngineName): ComposeEngineName[] {
  if (request !== 'auto') return [request];
  return DETECTION_ORDER.slice(0, DETECTION_ORDER.indexOf(winner) + 1);
}

export function engineFingerprint(
  request: EngineOption,
  winner: ComposeEngineName,
  env: NodeJS.ProcessEnv,
): string {
  return probedEngines(request, winner)
    .map((name) => `${name}=${engineFiles(name, env).join(',')}`)
    .join(';');
}

function contextKey(request: EngineOption, env: NodeJS.ProcessEnv): string {
  const values = KEY_VARIABLES.map((v) => `${v}=${env[v] ?? ''}`);
  return createHash('sha256')
    .update([`engine=${request}`, ...values].join('\0'))
    .digest('hex')
    .slice(0, 32);
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e['engine'] === 'string' &&
    (DETECTION_ORDER as readonly string[]).includes(e['engine']) &&
    typeof e['fingerprint'] === 'string' &&
    typeof e['output'] === 'string' &&
    typeof e['savedAt'] === 'number'
  );
}

function readCacheFile(file: string): CacheFile {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf-8'));
    const entries = (parsed as { entries?: unknown } | null)?.entries;
    if ((parsed as { version?: unknown }).version !== FORMAT_VERSION) throw new Error('version');
    if (typeof entries !== 'object' || entries === null) throw new Error('entries');
    const valid = Object.entries(entries).filter((pair): pair is [string, Entry] =>
      isEntry(pair[1]),
    );
    return { version: FORMAT_VERSION, entries: Object.fromEntries(valid) };
  } catch {
    // Missing, unreadable, half-written by an older version, or not JSON: start afresh.
    return { version: FORMAT_VERSION, entries: {} };
  }
}

function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch {
    // A read-only workspace or a full disk: the next task probes again, nothing else breaks.
    try {
      rmSync(temp, { force: true });
    } catch {
      // The directory itself could not be made: there is no temp file to remove.
    }
  }
}

export function engineProbeCache(file: string, env: NodeJS.ProcessEnv): EngineProbeCache {
  return {
    read(request) {
      const entry = readCacheFile(file).entries[contextKey(request, env)];
      if (!entry) return undefined;
      if (engineFingerprint(request, entry.engine, env) !== entry.fingerprint) return undefined;
      return { name: entry.engine, output: entry.output };
    },
    write(request, probe) {
      const cache = readCacheFile(file);
      cache.entries[contextKey(request, env)] = {
        engine: probe.name,
        fingerprint: engineFingerprint(request, probe.name, env),
        output: probe.output,
        savedAt: Date.now(),
      };
      const kept = Object.entries(cache.entries)
        .sort(([, a], [, b]) => b.savedAt - a.savedAt)
        .slice(0, MAX_ENTRIES);
      writeAtomically(
        file,
        JSON.stringify({ version: FORMAT_VERSION, entries: Object.fromEntries(kept) }),
      );
    },
  };
}
