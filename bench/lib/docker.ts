// Docker helpers of the benchmarks: image facts, BuildKit `--progress=plain` parsing, and the
// sweep that removes every container, network, volume and image a benchmark run created.
import { tmpdir } from 'node:os';
import { cleanEnv, exec, log, mustRun, type Cleanup } from './util';

const cwd = tmpdir();

export async function docker(args: readonly string[], options: { cwd?: string; timeout?: number } = {}) {
  return exec('docker', args, { cwd: options.cwd ?? cwd, env: cleanEnv(), timeout: options.timeout });
}

export async function mustDocker(args: readonly string[], options: { cwd?: string; timeout?: number } = {}) {
  return mustRun('docker', args, { cwd: options.cwd ?? cwd, env: cleanEnv(), timeout: options.timeout });
}

/** Fails early, with what is missing, when the engine or a stand-in base image is absent. */
export async function assertEngine(images: readonly string[] = ['python:3.11-slim']): Promise<void> {
  const info = await docker(['info', '--format', '{{.ServerVersion}}']);
  if (info.code !== 0) throw new Error(`No Docker engine answers (docker info): ${info.output.trim()}`);
  const compose = await docker(['compose', 'version', '--short']);
  if (compose.code !== 0) throw new Error(`docker compose (v2) is missing: ${compose.output.trim()}`);
  for (const image of images) {
    if ((await docker(['image', 'inspect', image])).code !== 0) {
      throw new Error(`Base image ${image} is not in the engine (no registry here): run \`npm run engine\`.`);
    }
  }
}

export async function imageId(ref: string): Promise<string | undefined> {
  const r = await docker(['image', 'inspect', '-f', '{{.Id}}', ref]);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

export async function imageSize(ref: string): Promise<number> {
  const r = await mustDocker(['image', 'inspect', '-f', '{{.Size}}', ref]);
  return Number(r.stdout.trim());
}

export async function imageLayers(ref: string): Promise<number> {
  const r = await mustDocker(['image', 'inspect', '-f', '{{len .RootFS.Layers}}', ref]);
  return Number(r.stdout.trim());
}

/** All tags of the images whose repository is `repository` (e.g. an app's image, any tag). */
export async function tagsOf(repository: string): Promise<string[]> {
  const r = await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', repository]);
  return r.stdout.split('\n').map((l) => l.trim()).filter((l) => l && !l.endsWith(':<none>'));
}

/**
 * Everything a benchmark run creates in the engine carries its run prefix (compose project
 * names, image repositories); image ids that lost their tag on a rebuild are tracked by id.
 * `sweep()` removes all of it; `register()` makes it run on exit, failure or interruption.
 */
export class EngineSweep {
  private readonly imageIds = new Set<string>();
  /** Every `docker build` of a benchmark passes `--label bench.run=<prefix>` (see `labelArgs`). */
  static readonly LABEL = 'bench.run';

  constructor(readonly prefix: string) {
    if (!/^bench-/.test(prefix)) throw new Error(`Engine objects must be prefixed bench-: ${prefix}`);
  }

  register(cleanup: Cleanup): this {
    cleanup.add(`remove engine objects ${this.prefix}*`, () => this.sweep());
    return this;
  }

  private readonly composeProjects = new Set<string>();

  /** A compose project name this run uses (must carry the prefix). */
  composeProject(name: string): string {
    if (!name.startsWith(this.prefix)) throw new Error(`Compose project ${name} lacks the run prefix ${this.prefix}.`);
    this.composeProjects.add(name);
    return name;
  }

  /** `--label bench.run=<prefix>` for a `docker build`, so even untagged results are found. */
  labelArgs(): string[] {
    return ['--label', `${EngineSweep.LABEL}=${this.prefix}`];
  }

  /** Remembers the image `ref` points at now, so it is removed even once a rebuild untags it. */
  async track(ref: string): Promise<void> {
    const id = await imageId(ref);
    if (id) this.imageIds.add(id);
  }

  async sweep(): Promise<void> {
    const mine = (name: string) => name.startsWith(this.prefix);
    const projects = new Set<string>();
    const ps = await docker(['ps', '-a', '--format', '{{.ID}} {{.Label "com.docker.compose.project"}} {{.Names}}']);
    const containers: string[] = [];
    for (const line of ps.stdout.split('\n').filter(Boolean)) {
      const [id, project, names] = line.split(' ');
      if (mine(project ?? '') || mine(names ?? '')) {
        containers.push(id);
        if (project) projects.add(project);
      }
    }
    if (containers.length > 0) await docker(['rm', '-f', '-v', ...containers]);
    const networks = await docker(['network', 'ls', '--format', '{{.ID}} {{.Name}}']);
    const netIds = networks.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' '))
      .filter(([, name]) => mine(name ?? ''))
      .map(([id]) => id);
    if (netIds.length > 0) await docker(['network', 'rm', ...netIds]);
    const volumes = await docker(['volume', 'ls', '--format', '{{.Name}}']);
    const volNames = volumes.stdout.split('\n').filter((v) => v && mine(v));
    if (volNames.length > 0) await docker(['volume', 'rm', '-f', ...volNames]);
    const images = await docker(['image', 'ls', '-a', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}']);
    const refs: string[] = [];
    for (const line of images.stdout.split('\n').filter(Boolean)) {
      const [, ref] = line.split(' ');
      if (ref && mine(ref)) refs.push(ref);
    }
    if (refs.length > 0) await docker(['image', 'rm', '-f', ...refs]);
    // Untagged images of this run: by the label of our docker builds and by the compose
    // project label compose puts on the images it builds.
    const filters = [`label=${EngineSweep.LABEL}=${this.prefix}`, ...[...projects].map((p) => `label=com.docker.compose.project=${p}`)];
    for (const project of this.composeProjects) filters.push(`label=com.docker.compose.project=${project}`);
    for (const filter of new Set(filters)) {
      const ids = (await docker(['image', 'ls', '-a', '-q', '--filter', filter])).stdout.split('\n').filter(Boolean);
      if (ids.length > 0) await docker(['image', 'rm', ...new Set(ids)]);
    }
    // Untagged leftovers of rebuilds; an id still used by another tag is refused, which is fine.
    for (const id of this.imageIds) {
      const left = await docker(['image', 'inspect', '-f', '{{len .RepoTags}}', id]);
      if (left.code === 0 && left.stdout.trim() === '0') await docker(['image', 'rm', id]);
    }
    const remaining = (await docker(['image', 'ls', '--format', '{{.Repository}}'])).stdout
      .split('\n')
      .filter((r) => r && mine(r));
    if (remaining.length > 0) log(`WARNING: images left behind: ${remaining.join(', ')}`);
  }
}

// ---------------------------------------------------------------------------------------------
// BuildKit plain progress

export interface Vertex {
  id: number;
  name: string;
  cached: boolean;
  done: boolean;
  error: boolean;
  /** Seconds from the `DONE x.xs` line. */
  seconds?: number;
  /** Bytes from the last `transferring context: X` line. */
  transferred?: number;
}

const UNITS: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

export function parseSize(text: string): number {
  const m = /^([\d.]+)\s*([KMG]?i?B|kB)$/.exec(text.trim());
  if (!m) return NaN;
  return Number(m[1]) * (UNITS[m[2]] ?? NaN);
}

/** The vertices of a `--progress=plain` BuildKit log, in order of first appearance. */
export function parseBuildkit(output: string): Vertex[] {
  const vertices = new Map<number, Vertex>();
  for (const raw of output.split('\n')) {
    // compose prefixes nothing in plain mode; strip a possible "service  | " prefix anyway.
    const line = raw.replace(/^\S+\s+\|\s/, '');
    const m = /^#(\d+) (.*)$/.exec(line);
    if (!m) continue;
    const id = Number(m[1]);
    const rest = m[2];
    let v = vertices.get(id);
    if (!v) {
      v = { id, name: rest, cached: false, done: false, error: false };
      vertices.set(id, v);
      continue;
    }
    if (rest === 'CACHED') v.cached = true;
    else if (rest.startsWith('DONE')) {
      v.done = true;
      const s = /^DONE ([\d.]+)s/.exec(rest);
      if (s) v.seconds = Number(s[1]);
    } else if (rest.startsWith('ERROR')) v.error = true;
    else {
      const t = /^transferring context: ([\d.]+\s*[KMG]?i?B|[\d.]+\s*kB)/.exec(rest);
      if (t) v.transferred = parseSize(t[1]);
    }
  }
  return [...vertices.values()];
}

/** Bytes of the build context the engine received (the `[internal] load build context` vertex). */
export function contextBytes(output: string): number {
  const v = parseBuildkit(output).filter((x) => x.name === '[internal] load build context');
  const bytes = v.map((x) => x.transferred ?? NaN).filter((b) => Number.isFinite(b));
  if (bytes.length === 0) throw new Error(`No "transferring context" line in the build output:\n${output.slice(-3000)}`);
  return bytes.reduce((a, b) => a + b, 0);
}

export interface Step {
  stage: string;
  index: number;
  of: number;
  instruction: string;
  cached: boolean;
}

/** The Dockerfile steps of a build (`[stage i/n] INSTRUCTION`), without `[internal]` ones. */
export function dockerfileSteps(output: string): Step[] {
  const steps: Step[] = [];
  for (const v of parseBuildkit(output)) {
    const m = /^\[(?:(\S+) )?(\d+)\/(\d+)\] (.*)$/.exec(v.name);
    if (!m) continue;
    steps.push({
      stage: m[1] ?? '',
      index: Number(m[2]),
      of: Number(m[3]),
      instruction: m[4].replace(/\s+/g, ' '),
      cached: v.cached,
    });
  }
  return steps;
}
