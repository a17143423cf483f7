import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv } from '../../../../tools/testing/env';
import {
  startDjangoProject,
  writeNxProject,
  type NxProjectOnDisk,
} from '../../../../tools/testing/projects';
import { run, runOrThrow, type RunResult } from '../../../../tools/testing/run';

/**
 * Helpers of affected-cache.e2e.spec.ts: a workspace of Django apps and Python libraries
 * under git, and Nx's per-task output.
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
  const project = writeNxProject(workspaceRoot, name, `libs/${name}`, 'library');
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
  const project = await startDjangoProject(workspaceRoot, { name, root, files });
  return { name, root: project.root, path: project.path };
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

/**
 * Where Nx says one task's result came from, read from its block of `taskOutputs`: the note
 * after the header (`local cache`, `existing outputs match the cache, left as is`), or '' for a
 * task that ran.
 */
export function taskCacheNote(taskOutput: string): string {
  return /^\s*>\s+nx run \S+[ \t]+\[([^\]\n]+)\][ \t]*$/m.exec(taskOutput)?.[1] ?? '';
}

/** Nx's closing line on the tasks it read from its cache ("... for 4 out of 4 tasks"), or null. */
export function cacheSummary(output: string): string | null {
  return (
    /Nx read the output from the cache instead of running the command for \d+ out of \d+ tasks/.exec(
      output,
    )?.[0] ?? null
  );
}
