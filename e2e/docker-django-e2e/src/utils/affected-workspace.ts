import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNxProject, type NxProjectOnDisk } from './django';
import { cleanEnv, describeFailure, run, runOrThrow, type RunResult } from './exec';
import { log } from './log';

/**
 * Helpers of affected-cache.e2e.spec.ts: a workspace of Django apps and Python libraries
 * under git, the images its builds leave in the engine, and Nx's per-task output.
 */

export interface PythonLibrary extends NxProjectOnDisk {
  /** The importable package the library installs (`import <module>`). */
  module: string;
}

/**
 * A workspace Python library as apps install it by path: project.json, a setuptools
 * pyproject.toml (pip builds it offline with the stand-in image's setuptools) and a package.
 */
export function createPythonLibrary(workspaceRoot: string, name: string): PythonLibrary {
  const project = writeNxProject(workspaceRoot, name, `libs/${name}`);
  writeFileSync(
    join(project.path, 'project.json'),
    JSON.stringify({ name, root: project.root, projectType: 'library' }, null, 2) + '\n',
  );
  writeFileSync(
    join(project.path, 'pyproject.toml'),
    [
      '[build-system]',
      'requires = ["setuptools"]',
      'build-backend = "setuptools.build_meta"',
      '',
      '[project]',
      `name = "${name}"`,
      'version = "0.1.0"',
      '',
    ].join('\n'),
  );
  mkdirSync(join(project.path, name), { recursive: true });
  writeFileSync(join(project.path, name, '__init__.py'), `GREETING = "hello from ${name}"\n`);
  return { ...project, module: name };
}

/** `run` from exec.ts (stdin closed), with a five-minute limit unless one is given. */
export function runNoInput(
  file: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; timeout?: number },
): Promise<RunResult> {
  return run(file, args, { ...options, timeout: options.timeout ?? 5 * 60 * 1000 });
}

/**
 * A Django project made by `django-admin startproject mysite` at `root` (manage.py at the
 * project root), with the given dependency files. The Nx name can differ from the folder:
 * images are named after the Nx project, and the engine is shared with other runs.
 */
export async function createDjangoApp(
  workspaceRoot: string,
  name: string,
  root: string,
  files: Record<string, string>,
): Promise<NxProjectOnDisk> {
  const project = writeNxProject(workspaceRoot, name, root);
  await runOrThrow('django-admin', ['startproject', 'mysite', project.path], {
    cwd: workspaceRoot,
    env: cleanEnv(),
  });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(project.path, file, '..'), { recursive: true });
    writeFileSync(join(project.path, file), content);
  }
  return project;
}

/** A short random id, so image repositories and compose projects are this run's own. */
export function runId(): string {
  return randomBytes(3).toString('hex');
}

const GIT_IDENTITY = [
  '-c',
  'user.name=docker-django e2e',
  '-c',
  'user.email=e2e@docker-django.invalid',
  '-c',
  'commit.gpgsign=false',
];

/** git in the test workspace (never in this repository); throws on a non-zero exit. */
export async function git(workspaceRoot: string, args: readonly string[]): Promise<string> {
  const result = await runOrThrow('git', [...GIT_IDENTITY, ...args], {
    cwd: workspaceRoot,
    env: cleanEnv({ GIT_TERMINAL_PROMPT: '0' }),
  });
  return result.stdout.trim();
}

/** Stages exactly `paths` (workspace-relative) and commits them; returns the new HEAD. */
export async function commit(
  workspaceRoot: string,
  paths: readonly string[],
  message: string,
): Promise<string> {
  await git(workspaceRoot, ['add', '--', ...paths]);
  await git(workspaceRoot, ['commit', '--quiet', '--no-verify', '-m', message]);
  return git(workspaceRoot, ['rev-parse', 'HEAD']);
}

/** docker on the shared engine; never throws for a non-zero exit. */
export function docker(args: readonly string[]): Promise<RunResult> {
  return runNoInput('docker', args, { cwd: tmpdir(), env: cleanEnv(), timeout: 5 * 60 * 1000 });
}

/** The ID of an image reference, or null when the engine has no such image. */
export async function imageId(reference: string): Promise<string | null> {
  const result = await docker(['image', 'inspect', '--format', '{{.Id}}', reference]);
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** The `repository:tag` names of one image (by tag or ID), or [] when it is not in the engine. */
export async function tagsOfImage(reference: string): Promise<string[]> {
  const result = await docker(['image', 'inspect', '--format', '{{json .RepoTags}}', reference]);
  if (result.exitCode !== 0) return [];
  return ((JSON.parse(result.stdout) as string[] | null) ?? []).sort();
}

/** Every `repository:tag` the engine holds for `repository`. */
export async function imageTags(repository: string): Promise<string[]> {
  const result = await docker(['image', 'ls', repository, '--format', '{{.Repository}}:{{.Tag}}']);
  if (result.exitCode !== 0) throw new Error(describeFailure(result, 'docker image ls failed'));
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.endsWith(':<none>'));
}

/**
 * Removes every tag of the repositories this test file built (`<app>:latest`, `<app>:nx-*`),
 * by tag, never by ID: an ID could also carry a tag someone else made.
 */
export async function removeImageRepositories(repositories: readonly string[]): Promise<void> {
  for (const repository of repositories) {
    const tags = await imageTags(repository).catch((error: Error) => {
      log(`listing images of ${repository} failed: ${error.message}`);
      return [] as string[];
    });
    if (tags.length === 0) continue;
    const removed = await docker(['image', 'rm', ...tags]);
    if (removed.exitCode !== 0) log(`docker image rm ${tags.join(' ')} failed: ${removed.output.trim()}`);
  }
}

/**
 * The output of each task of an `nx run-many` / `nx affected` run, by project. Without the
 * TUI and without a terminal, Nx prints each task's output in one block headed by
 * `> nx run <project>:<target>`.
 */
export function taskOutputs(output: string, target: string): Map<string, string> {
  const header = new RegExp(`^\\s*>\\s+nx run ([^\\s:]+):${target}\\b.*$`, 'gm');
  const starts = [...output.matchAll(header)];
  const sections = new Map<string, string>();
  starts.forEach((match, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].index : output.length;
    const project = match[1];
    sections.set(project, (sections.get(project) ?? '') + output.slice(match.index, end));
  });
  return sections;
}

const SIZE_UNITS: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };

/**
 * The largest "transferring context: <size>" BuildKit reported in a build log (plain
 * progress), in bytes; null when the log has none.
 */
export function contextTransferBytes(buildLog: string): number | null {
  const sizes = [...buildLog.matchAll(/transferring context:\s*([\d.]+)\s*(B|kB|KB|MB|GB)\b/g)].map(
    ([, value, unit]) => Number(value) * SIZE_UNITS[unit],
  );
  return sizes.length ? Math.max(...sizes) : null;
}
