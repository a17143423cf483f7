import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { engineCacheFile, engineProbeCache } from './engine-cache';
import { engineRequest, resolveEngineCached, type EngineProbe } from './engine-selection';

describe('engineCacheFile', () => {
  it.each<[string, NodeJS.ProcessEnv, string]>([
    [
      'Nx default workspace data directory',
      {},
      '/ws/.nx/workspace-data/docker-django/engine-probe.json',
    ],
    [
      'NX_WORKSPACE_DATA_DIRECTORY, absolute',
      { NX_WORKSPACE_DATA_DIRECTORY: '/data' },
      '/data/docker-django/engine-probe.json',
    ],
    [
      'NX_WORKSPACE_DATA_DIRECTORY, relative to the workspace',
      { NX_WORKSPACE_DATA_DIRECTORY: 'tmp/nx' },
      '/ws/tmp/nx/docker-django/engine-probe.json',
    ],
  ])('%s', (_, env, expected) => {
    expect(engineCacheFile('/ws', env)).toBe(expected);
  });
});

describe('the engine probe cache', () => {
  let dir: string;
  let bin: string;
  let file: string;
  let env: NodeJS.ProcessEnv;
  let probes: string[];

  const probe: EngineProbe = async (name) => {
    probes.push(name);
    if (name === 'docker') return { ok: true, output: 'Docker Compose version v2.29.1' };
    return { ok: false, reason: 'not found on PATH' };
  };
  const resolve = () =>
    resolveEngineCached(
      engineRequest(undefined, env, 'api'),
      probe,
      'api',
      engineProbeCache(file, env),
    );

  function fake(name: string, where = bin): string {
    mkdirSync(where, { recursive: true });
    const path = join(where, name);
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
    return path;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'docker-django-engine-cache-'));
    bin = join(dir, 'bin');
    file = engineCacheFile(join(dir, 'ws'), {});
    fake('docker');
    // HOME and DOCKER_CONFIG inside the test dir: the user's own compose plugin stays out of it.
    env = { PATH: bin, HOME: dir, DOCKER_CONFIG: join(dir, '.docker') };
    probes = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a hit runs no probe and gives the same engine', async () => {
    const first = await resolve();
    const second = await resolve();
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.engine.name).toBe('docker');
    expect(second.engine.version).toBe('2.29.1');
    expect(probes).toEqual(['docker']);
  });

  it('misses when the binary was replaced (new modification time)', async () => {
    await resolve();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(bin, 'docker'), later, later);
    expect((await resolve()).cached).toBe(false);
    expect(probes).toEqual(['docker', 'docker']);
  });

  it('misses when the compose plugin was upgraded', async () => {
    const plugin = fake('docker-compose', join(dir, '.docker', 'cli-plugins'));
    await resolve();
    writeFileSync(plugin, '#!/bin/sh\n# a newer release\n');
    expect((await resolve()).cached).toBe(false);
  });

  it('misses on another PATH, even one resolving to the same binaries', async () => {
    await resolve();
    env['PATH'] = `${join(dir, 'elsewhere')}:${bin}`;
    expect((await resolve()).cached).toBe(false);
    expect(probes).toEqual(['docker', 'docker']);
  });

  it('misses when an engine earlier in the detection order appears', async () => {
    rmSync(join(bin, 'docker'));
    fake('docker-compose');
    const detected: EngineProbe = async (name) => {
      probes.push(name);
      return name === 'docker-compose'
        ? { ok: true, output: 'docker-compose version 1.29.2, build unknown' }
        : { ok: false, reason: 'not found on PATH' };
    };
    const cache = engineProbeCache(file, env);
    const run = () =>
      resolveEngineCached(engineRequest(undefined, env, 'api'), detected, 'api', cache);
    expect((await run()).engine.name).toBe('docker-compose');
    expect((await run()).cached).toBe(true);
    fake('docker');
    expect((await run()).cached).toBe(false);
  });

  it.each<[string, NodeJS.ProcessEnv]>([
    ['DOCKER_DJANGO_COMPOSE_ENGINE', { DOCKER_DJANGO_COMPOSE_ENGINE: 'docker' }],
    ['DOCKER_HOST', { DOCKER_HOST: 'tcp://10.0.0.5:2375' }],
    ['DOCKER_CONTEXT', { DOCKER_CONTEXT: 'remote' }],
    ['CONTAINER_HOST', { CONTAINER_HOST: 'unix:///run/podman.sock' }],
  ])('misses when %s changes', async (_, extra) => {
    await resolve();
    Object.assign(env, extra);
    expect((await resolve()).cached).toBe(false);
  });

  it.each<[string, string]>([
    ['not JSON', '{"version":1,"entr'],
    ['another format version', '{"version":99,"entries":{}}'],
    ['a malformed entry', '{"version":1,"entries":{"x":{"engine":"rm -rf","output":1}}}'],
    ['null', 'null'],
  ])('a corrupt cache file (%s) is ignored and replaced', async (_, text) => {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
    expect((await resolve()).cached).toBe(false);
    expect((await resolve()).cached).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf-8')).version).toBe(1);
  });

  it('a failed probe is not cached', async () => {
    const failing: EngineProbe = async (name) => {
      probes.push(name);
      return { ok: false, reason: 'exit 1: unknown command "compose"' };
    };
    const cache = engineProbeCache(file, env);
    const run = () =>
      resolveEngineCached(engineRequest('docker', env, 'api'), failing, 'api', cache);
    await expect(run()).rejects.toThrow(/Compose engine "docker" \(from --engine\) is not usable/);
    await expect(run()).rejects.toThrow(/is not usable/);
    expect(probes).toEqual(['docker', 'docker']);
  });

  it('an unwritable data directory costs a probe, never the task', async () => {
    mkdirSync(join(dir, 'ws', '.nx'), { recursive: true });
    writeFileSync(join(dir, 'ws', '.nx', 'workspace-data'), 'a file where a directory should be');
    expect((await resolve()).engine.name).toBe('docker');
    expect((await resolve()).cached).toBe(false);
  });
});
