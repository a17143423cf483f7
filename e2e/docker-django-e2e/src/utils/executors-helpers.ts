import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cleanEnv, describeFailure, run, runOrThrow, tail, type RunResult } from './exec';
import { log } from './log';

/**
 * Helpers of executors.e2e.spec.ts: running nx with a chosen environment, reading what a
 * compose project left in the engine, a docker CLI without Compose v2, and a process group
 * that can be interrupted like a terminal's Ctrl+C.
 */

export const ENGINE_ENV_VAR = 'DOCKER_DJANGO_COMPOSE_ENGINE';

/** exec.ts `run` (stdin closed, never throws for a non-zero exit), under this file's name. */
export const runCommand = run;

/** Asserts an exit code, showing the command and its output when it differs. */
export function expectExitCode(result: RunResult, expected: 0 | 'non-zero'): void {
  const received = {
    command: result.command,
    exitCode: result.exitCode,
    output: tail(result.output, 6000),
  };
  if (expected === 0) expect(received).toMatchObject({ exitCode: 0 });
  else expect(received).not.toMatchObject({ exitCode: 0 });
}

/**
 * The environment of an nx run: a fresh shell's (see cleanEnv) with the engine variable
 * removed, so engine auto-detection is what is tested unless a test sets it, plus `extra`.
 */
export function nxEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return cleanEnv({ [ENGINE_ENV_VAR]: undefined, ...extra });
}

/** `npx nx <args>` in the workspace root; never throws for a non-zero exit. */
export function runNxWithEnv(
  root: string,
  args: readonly string[],
  extraEnv: Record<string, string | undefined> = {},
  timeout = 8 * 60 * 1000,
): Promise<RunResult> {
  return runCommand('npx', ['nx', ...args], { cwd: root, env: nxEnv(extraEnv), timeout });
}

/** Throws with the command and its output unless it exited 0: for steps a test builds on. */
export function assertSucceeded(result: RunResult, what: string): RunResult {
  if (result.exitCode !== 0) throw new Error(describeFailure(result, what));
  return result;
}

/**
 * The `[docker-django] <command>` lines the executors log before running compose, for one
 * compose project and subcommand, e.g. `... -p api up -d --wait`.
 */
export function loggedComposeCommands(
  output: string,
  composeProject: string,
  subcommand: string,
): string[] {
  const project = escapeRegExp(composeProject);
  const marker = new RegExp(` -p ${project} ${escapeRegExp(subcommand)}(?: |$)`);
  return output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('[docker-django] ') && marker.test(line));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const projectLabel = (composeProject: string) =>
  `label=com.docker.compose.project=${composeProject}`;

async function dockerLines(args: readonly string[]): Promise<string[]> {
  const result = await runOrThrow('docker', args, { cwd: tmpdir(), env: cleanEnv() });
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export interface ComposeContainer {
  name: string;
  /** running, exited, created, ... */
  state: string;
  service: string;
}

/** The containers compose labelled with this project, in every state unless `running`. */
export async function composeContainers(
  composeProject: string,
  options: { running?: boolean } = {},
): Promise<ComposeContainer[]> {
  const lines = await dockerLines([
    'ps',
    ...(options.running ? [] : ['--all']),
    '--filter',
    projectLabel(composeProject),
    '--format',
    '{{.Names}}\t{{.State}}\t{{.Label "com.docker.compose.service"}}',
  ]);
  return lines.map((line) => {
    const [name, state, service] = line.split('\t');
    return { name, state, service };
  });
}

export function composeNetworks(composeProject: string): Promise<string[]> {
  return dockerLines([
    'network',
    'ls',
    '--filter',
    projectLabel(composeProject),
    '--format',
    '{{.Name}}',
  ]);
}

export function composeVolumes(composeProject: string): Promise<string[]> {
  return dockerLines([
    'volume',
    'ls',
    '--filter',
    projectLabel(composeProject),
    '--format',
    '{{.Name}}',
  ]);
}

/**
 * The repositories of the images a compose file builds (`image:` of each service with a
 * `build:`), e.g. `api` for `image: api:latest`: what compose-build tags `:latest` and `:nx-*`.
 */
export function builtImageRepositories(composeFile: string): string[] {
  const document = parse(readFileSync(composeFile, 'utf-8')) as {
    services?: Record<string, { build?: unknown; image?: unknown }>;
  };
  const repositories = new Set<string>();
  for (const service of Object.values(document.services ?? {})) {
    if (service.build === undefined || typeof service.image !== 'string') continue;
    const image = service.image;
    const colon = image.lastIndexOf(':');
    repositories.add(colon > image.lastIndexOf('/') ? image.slice(0, colon) : image);
  }
  return [...repositories];
}

/**
 * Removes `<repository>:latest` and `<repository>:nx-*` of the given repositories: the tags
 * compose-build made for this spec's projects, and nothing else. Best effort: logs failures.
 */
export async function removeBuiltImages(repositories: Iterable<string>): Promise<void> {
  const env = cleanEnv();
  for (const repository of repositories) {
    const listed = await runCommand(
      'docker',
      ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', repository],
      { cwd: tmpdir(), env },
    );
    const tags = listed.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((ref) => ref === `${repository}:latest` || ref.startsWith(`${repository}:nx-`));
    if (tags.length === 0) continue;
    const removed = await runCommand('docker', ['rmi', ...tags], { cwd: tmpdir(), env });
    if (removed.exitCode !== 0) log(`could not remove ${tags.join(' ')}: ${removed.output.trim()}`);
  }
}

/**
 * The compose projects this spec file started. `downAll` (after each group of tests) runs
 * `docker compose -p <name> down --volumes --remove-orphans` and sweeps containers, networks
 * and volumes by compose's project label; unlike utils/docker.ts ComposeProjects it keeps
 * the images, which later tests reuse (a rebuild costs tens of seconds). `removeImages`, at
 * the end, removes them: the `:latest` and `:nx-*` tags and every image labelled with one of
 * these projects (compose v2 labels what it builds, dangling builds included).
 */
export class ComposeCleanup {
  private readonly started = new Set<string>();
  private readonly everStarted = new Set<string>();

  track(composeProject: string): string {
    this.started.add(composeProject);
    this.everStarted.add(composeProject);
    return composeProject;
  }

  async downAll(): Promise<void> {
    const projects = [...this.started];
    this.started.clear();
    for (const project of projects) await composeDownKeepingImages(project);
  }

  async removeImages(repositories: Iterable<string>): Promise<void> {
    await removeBuiltImages(repositories);
    for (const project of this.everStarted) {
      await removeAll(['image', 'ls', '-q', '--filter', projectLabel(project)], ['rmi', '-f']);
    }
  }
}

async function composeDownKeepingImages(composeProject: string): Promise<void> {
  // From a folder without a compose file: works when the project's compose.yaml is broken or gone.
  const down = await runCommand(
    'docker',
    ['compose', '-p', composeProject, 'down', '--volumes', '--remove-orphans', '--timeout', '5'],
    { cwd: tmpdir(), env: cleanEnv(), timeout: 5 * 60 * 1000 },
  );
  if (down.exitCode !== 0) {
    log(`compose down ${composeProject} failed (sweeping by label): ${down.output.trim()}`);
  }
  const label = projectLabel(composeProject);
  await removeAll(['ps', '-aq', '--filter', label], ['rm', '-f', '-v']);
  await removeAll(['network', 'ls', '-q', '--filter', label], ['network', 'rm']);
  await removeAll(['volume', 'ls', '-q', '--filter', label], ['volume', 'rm', '-f']);
}

/** Lists ids with `list` and removes them with `remove`; logs instead of throwing. */
async function removeAll(list: string[], remove: string[]): Promise<void> {
  const env = cleanEnv();
  const listed = await runCommand('docker', list, { cwd: tmpdir(), env });
  const ids = [...new Set(listed.stdout.split('\n').map((id) => id.trim()).filter(Boolean))];
  if (ids.length === 0) return;
  const removed = await runCommand('docker', [...remove, ...ids], { cwd: tmpdir(), env });
  if (removed.exitCode !== 0) {
    log(`\`docker ${remove.join(' ')}\` failed: ${removed.output.trim()}`);
  }
}

/**
 * Processes of `docker compose` (the CLI and its plugin) or `docker-compose` acting on this
 * compose project: every command the executors run carries `-p <project>`.
 */
export async function composeProcesses(composeProject: string): Promise<string[]> {
  const pattern = `compose .*-p ${escapeRegExp(composeProject)}( |$)`;
  const result = await runCommand('pgrep', ['-af', pattern], { cwd: tmpdir(), env: cleanEnv() });
  // pgrep: 0 found, 1 none found, anything else an error.
  if (result.exitCode === 1) return [];
  if (result.exitCode !== 0) throw new Error(describeFailure(result, 'pgrep failed'));
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export interface DockerWithoutComposeV2 {
  /** Put first on PATH: holds a `docker` that refuses `docker compose`. */
  binDir: string;
  /** The real docker CLI the wrapper forwards to. */
  realDocker: string;
  /** The `docker compose ...` invocations the wrapper refused, one per line. */
  refusals(): string[];
  dispose(): void;
}

/**
 * A machine whose docker CLI has no Compose v2 plugin: a `docker` script that fails
 * `docker compose ...` as the real CLI does without the plugin (exit 1, "not a docker
 * command") and hands every other command to the real docker, so `docker info`, `inspect`
 * and the BuildKit builds docker-compose v1 delegates still work.
 */
export async function dockerWithoutComposeV2(): Promise<DockerWithoutComposeV2> {
  const found = await runOrThrow('sh', ['-c', 'command -v docker'], {
    cwd: tmpdir(),
    env: cleanEnv(),
  });
  const realDocker = found.stdout.trim();
  if (!realDocker.startsWith('/')) {
    throw new Error(`\`command -v docker\` gave "${realDocker}", not the path of a docker CLI.`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'dde2e-exec-no-compose-v2-'));
  const binDir = join(dir, 'bin');
  const refusedLog = join(dir, 'refused.log');
  mkdirSync(binDir);
  const script = [
    '#!/bin/sh',
    '# docker without the compose plugin (written by executors.e2e.spec.ts).',
    'for arg in "$@"; do',
    '  case "$arg" in',
    '    -*) continue ;;',
    '    compose)',
    `      printf '%s\\n' "$*" >> '${refusedLog}'`,
    `      echo "docker: 'compose' is not a docker command." >&2`,
    `      echo "See 'docker --help'" >&2`,
    '      exit 1 ;;',
    '    *) break ;;',
    '  esac',
    'done',
    `exec '${realDocker}' "$@"`,
    '',
  ].join('\n');
  writeFileSync(join(binDir, 'docker'), script);
  chmodSync(join(binDir, 'docker'), 0o755);
  return {
    binDir,
    realDocker,
    refusals: () =>
      existsSync(refusedLog)
        ? readFileSync(refusedLog, 'utf-8').split('\n').filter(Boolean)
        : [],
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A command running in a process group of its own, as a terminal runs a foreground job. */
export interface ProcessGroup {
  /** Also the process group id. */
  readonly pid: number;
  readonly exit: Promise<ProcessExit>;
  exited(): boolean;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** Signals every process of the group, as Ctrl+C in a terminal does. */
  signalGroup(signal: NodeJS.Signals): void;
  /** SIGKILLs whatever is left of the group (cleanup; a no-op when the group is gone). */
  killGroup(): void;
}

export function startProcessGroup(
  file: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string> },
): ProcessGroup {
  const child = spawn(file, [...args], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`Could not start ${file} ${args.join(' ')}.`);
  const pid = child.pid;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let hasExited = false;
  const exit = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      hasExited = true;
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      hasExited = true;
      output += `\n[spawn error] ${error.message}\n`;
      resolve({ code: null, signal: null });
    });
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch (error) {
      // ESRCH: the whole group is gone already.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  return {
    pid,
    exit,
    exited: () => hasExited,
    output: () => output,
    signalGroup,
    killGroup: () => signalGroup('SIGKILL'),
  };
}

/** Resolves with the promise's value, or with 'timeout' after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads `read()` every `intervalMs` until `done` holds or `timeoutMs` has passed, and
 * returns the last value read and when it was read (ms after the start).
 */
export async function settle<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  intervalMs = 250,
): Promise<{ value: T; afterMs: number }> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    const afterMs = Date.now() - started;
    if (done(value) || afterMs >= timeoutMs) return { value, afterMs };
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
