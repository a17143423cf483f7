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
import { dockerLines } from '../../../../tools/testing/engine';
import { cleanEnv } from '../../../../tools/testing/env';
import { describeFailure, run, runOrThrow, type RunResult } from '../../../../tools/testing/run';

/**
 * Helpers of executors.e2e.spec.ts: running nx with a chosen environment, reading what a
 * compose project left in the engine, a docker CLI without Compose v2 (the process group
 * that can be interrupted like a terminal's Ctrl+C is in process-group.ts).
 */

export const ENGINE_ENV_VAR = 'DOCKER_DJANGO_COMPOSE_ENGINE';

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
  return run('npx', ['nx', ...args], { cwd: root, env: nxEnv(extraEnv), timeout });
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
 * Processes of `docker compose` (the CLI and its plugin) or `docker-compose` acting on this
 * compose project: every command the executors run carries `-p <project>`.
 */
export async function composeProcesses(composeProject: string): Promise<string[]> {
  const pattern = `compose .*-p ${escapeRegExp(composeProject)}( |$)`;
  const result = await run('pgrep', ['-af', pattern], { cwd: tmpdir(), env: cleanEnv() });
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
      existsSync(refusedLog) ? readFileSync(refusedLog, 'utf-8').split('\n').filter(Boolean) : [],
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
