// A second, private Docker engine: what a fresh CI runner has. The shared engine's build cache
// holds every helper's and run's layers and may not be pruned, so "an emptied engine" is a
// dockerd of our own (own data root, socket and bridge), emptied at will and removed after.
// Needs root (a bridge interface); the e2e suite and the benchmarks run as root.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker } from './engine';
import { cleanEnv } from './env';
import { log } from './log';
import { run } from './run';

export interface FreshEngine {
  /** `unix:///...`: give it to docker, compose and the executors as DOCKER_HOST. */
  host: string;
  /** cleanEnv() pointing at this engine. */
  env(extra?: Record<string, string | undefined>): Record<string, string | undefined>;
  /** docker on this engine; never throws for a non-zero exit. */
  docker(args: readonly string[]): ReturnType<typeof docker>;
  /** Copies images from the shared engine (base images: there is no registry to pull them from). */
  load(images: readonly string[]): Promise<void>;
  /** Removes every image but the loaded ones, and the whole build cache: an empty runner. */
  empty(): Promise<void>;
  stop(): Promise<void>;
}

async function must(what: string, result: Promise<{ exitCode: number; output: string }>) {
  const r = await result;
  if (r.exitCode !== 0)
    throw new Error(`${what} failed (exit ${r.exitCode}):\n${r.output.slice(-3000)}`);
}

export async function startFreshEngine(): Promise<FreshEngine> {
  const id = randomBytes(3).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), `dd-engine-${id}-`));
  const bridge = `ddfe${id}`;
  const subnet = `10.${200 + (parseInt(id.slice(0, 2), 16) % 50)}.${parseInt(id.slice(2, 4), 16)}`;
  const host = `unix://${join(dir, 'docker.sock')}`;
  const env = (extra: Record<string, string | undefined> = {}) =>
    cleanEnv({ DOCKER_HOST: host, ...extra });
  const onEngine = (args: readonly string[]) => docker(args, { env: env() });
  const loaded = new Set<string>();

  // A bridge of its own, never `--bridge none`: a dockerd started with no bridge deletes the
  // host's docker0 (moby's removeDefaultBridgeInterface), which is the shared engine's bridge.
  await must(
    'ip link add',
    run('ip', ['link', 'add', 'name', bridge, 'type', 'bridge'], { cwd: dir }),
  );
  await must(
    'ip addr add',
    run('ip', ['addr', 'add', `${subnet}.1/24`, 'dev', bridge], { cwd: dir }),
  );
  await must('ip link set up', run('ip', ['link', 'set', bridge, 'up'], { cwd: dir }));
  mkdirSync(join(dir, 'data'));
  // BuildKit on, as on the shared engine (dockerd 20.10 needs it for RUN --mount).
  writeFileSync(join(dir, 'daemon.json'), '{ "features": { "buildkit": true } }\n');
  const args = [
    '--data-root',
    join(dir, 'data'),
    '--exec-root',
    join(dir, 'exec'),
    '--pidfile',
    join(dir, 'dockerd.pid'),
    '--host',
    host,
    '--bridge',
    bridge,
    '--iptables=false',
    '--ip-masq=false',
    '--config-file',
    join(dir, 'daemon.json'),
  ];
  const child = spawn('dockerd', args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await run('ip', ['link', 'del', bridge], { cwd: tmpdir() });
    // A dockerd stopped mid-build can leave a network namespace mounted under its exec root.
    const mounts = readFileSync('/proc/mounts', 'utf-8')
      .split('\n')
      .map((line) => line.split(' ')[1] ?? '')
      .filter((mount) => mount.startsWith(`${dir}/`));
    for (const mount of mounts.reverse()) await run('umount', ['-l', mount], { cwd: tmpdir() });
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      log(`WARNING: could not remove ${dir}: ${(error as Error).message}`);
    }
  };

  for (let i = 0; i < 60; i++) {
    if ((await onEngine(['info', '--format', '{{.ServerVersion}}'])).exitCode === 0) break;
    if (child.exitCode !== null || i === 59) {
      await stop();
      throw new Error(`A fresh dockerd on ${host} did not start:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  log(`fresh engine on ${host} (bridge ${bridge})`);

  return {
    host,
    env,
    docker: onEngine,
    async load(images) {
      for (const image of images) {
        const archive = join(dir, 'image.tar');
        await must(`docker save ${image}`, docker(['save', '-o', archive, image]));
        await must(`docker load ${image}`, onEngine(['load', '-i', archive]));
        rmSync(archive, { force: true });
        loaded.add(image);
      }
    },
    async empty() {
      const listed = await onEngine([
        'image',
        'ls',
        '--format',
        '{{.Repository}}:{{.Tag}} {{.ID}}',
      ]);
      const keep = new Set<string>();
      const all: Array<[string, string]> = listed.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ') as [string, string]);
      for (const [ref, imageId] of all) if (loaded.has(ref)) keep.add(imageId);
      const remove = all
        .filter(([, imageId]) => !keep.has(imageId))
        .map(([ref, imageId]) => (ref.includes('<none>') ? imageId : ref));
      if (remove.length > 0)
        await must('docker image rm', onEngine(['image', 'rm', '-f', ...new Set(remove)]));
      await must('docker builder prune', onEngine(['builder', 'prune', '--all', '--force']));
    },
    stop,
  };
}
