import type { ExecutorContext } from '@nx/devkit';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * A temporary folder that is the whole PATH of an executor spec: the fake CLIs written into it
 * record each call they get, so a spec sees exactly what an executor ran (and that a dry run
 * ran nothing). `dispose` puts PATH back and removes the folder.
 */
export class FakeClis {
  readonly bin = mkdtempSync(join(tmpdir(), 'docker-django-bin-'));
  private readonly callsFile = join(this.bin, 'calls.log');
  private readonly savedPath = process.env['PATH'];
  private readonly savedEngineApi = process.env['DOCKER_DJANGO_ENGINE_API'];

  constructor() {
    writeFileSync(this.callsFile, '');
    process.env['PATH'] = this.bin;
    // The executors would otherwise ask the real engine's socket behind the fake CLI's back.
    process.env['DOCKER_DJANGO_ENGINE_API'] = 'off';
  }

  /** Writes the CLI `name`, which records `name <args>` and then runs `script` (sh lines). */
  write(name: string, script: string[]): void {
    writeFileSync(
      join(this.bin, name),
      ['#!/bin/sh', `echo "${name} $*" >> '${this.callsFile}'`, ...script, ''].join('\n'),
    );
    chmodSync(join(this.bin, name), 0o755);
  }

  /** Every call so far, `name <args>` each, oldest first. */
  calls(): string[] {
    return readFileSync(this.callsFile, 'utf-8').trim().split('\n').filter(Boolean);
  }

  dispose(): void {
    process.env['PATH'] = this.savedPath;
    if (this.savedEngineApi === undefined) delete process.env['DOCKER_DJANGO_ENGINE_API'];
    else process.env['DOCKER_DJANGO_ENGINE_API'] = this.savedEngineApi;
    rmSync(this.bin, { recursive: true, force: true });
  }
}

/** The context Nx gives an executor running `targetName` of project "api" (apps/api) in `root`. */
export function apiExecutorContext(root: string, targetName: string): ExecutorContext {
  return {
    root,
    cwd: tmpdir(),
    projectName: 'api',
    targetName,
    isVerbose: false,
    projectsConfigurations: { version: 2, projects: { api: { root: 'apps/api' } } },
    nxJsonConfiguration: {},
    projectGraph: { nodes: {}, dependencies: {} },
  } as ExecutorContext;
}

/**
 * `context` running api:compose-build as Nx runs it: with a task graph whose task carries
 * `hash`, which names the build's content tags.
 */
export function withComposeBuildTask(context: ExecutorContext, hash: string): ExecutorContext {
  return {
    ...context,
    targetName: 'compose-build',
    taskGraph: {
      roots: ['api:compose-build'],
      dependencies: {},
      tasks: {
        'api:compose-build': {
          id: 'api:compose-build',
          target: { project: 'api', target: 'compose-build' },
          hash,
          overrides: {},
          outputs: [],
          parallelism: true,
        },
      },
    },
  } as unknown as ExecutorContext;
}
