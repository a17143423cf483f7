import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compose, ComposeProjects, composeProjectOf } from '../../../../tools/testing/compose';
import { uniqueName } from '../../../../tools/testing/engine';
import { cleanEnv } from '../../../../tools/testing/env';
import { removeImageTags } from '../../../../tools/testing/images';
import { log } from '../../../../tools/testing/log';
import { freePort } from '../../../../tools/testing/net';
import { run, tail, type RunResult } from '../../../../tools/testing/run';
import { timed } from '../../../../tools/testing/timing';
import type { TestWorkspace } from '../../../../tools/testing/workspace';
import { PYTHON_VERSION } from './base-images';
import { createDjangoProject, DJANGO_LAYOUTS, type DjangoProject } from './django';
import { assertBaseImages, createPluginWorkspace, initGeneratorArgs } from './plugin-workspace';

export const NX_TIMEOUT = 10 * 60 * 1000;

export interface Stack {
  /** The Nx project, the compose project and the image repository. */
  name: string;
  /** The compose project init recorded in compose.yaml (unique per workspace). */
  compose: string;
  project: DjangoProject;
  hostPort: number;
  generated: RunResult;
}

/**
 * One workspace with the packed plugin, in which the hardened-stack specs generate Django
 * projects (startproject, Django and psycopg2-binary from the offline index) and run their
 * stacks; `dispose` takes down every stack and image it made.
 */
export class StackWorkspace {
  private ws: TestWorkspace | undefined;
  private readonly composeProjects = new ComposeProjects();
  private readonly stacks: Stack[] = [];

  constructor(private readonly nxVersion: string) {}

  async setUp(): Promise<void> {
    await assertBaseImages({ postgres: true });
    this.ws = await createPluginWorkspace(this.nxVersion);
  }

  get workspace(): TestWorkspace {
    if (!this.ws) throw new Error("The workspace was not set up (see the suite's beforeAll).");
    return this.ws;
  }

  /** `nx g docker-django:init` run by a shell under `umask 077`, as a careful admin's is. */
  async generate(label: string, extra: string[]): Promise<Stack> {
    const name = uniqueName('dde2e', label);
    this.composeProjects.track(name);
    const project = await createDjangoProject(this.workspace.root, name, DJANGO_LAYOUTS[0]);
    writeFileSync(join(project.path, 'requirements.txt'), 'Django>=4.2,<5\npsycopg2-binary\n');
    const hostPort = await freePort();
    const args = ['nx', ...initGeneratorArgs(name, '--pythonVersion', PYTHON_VERSION)];
    args.push('--hostPort', String(hostPort), ...extra);
    const generated = await timed(`umask 077; npx ${args.join(' ')}`, () =>
      run('sh', ['-c', 'umask 077 && exec npx "$@"', 'sh', ...args], {
        cwd: this.workspace.root,
        env: cleanEnv(),
        timeout: NX_TIMEOUT,
      }),
    );
    const stack = {
      name,
      compose: this.composeProjects.track(
        composeProjectOf(join(project.path, 'compose.yaml'), name),
      ),
      project,
      hostPort,
      generated,
    };
    this.stacks.push(stack);
    return stack;
  }

  /** `nx run <stack>:<target>`; on failure the stack's logs are shown too. */
  async nxRun(stack: Stack, target: string, extra: string[] = []): Promise<RunResult> {
    const result = await timed(`nx run ${stack.name}:${target} ${extra.join(' ')}`, () =>
      this.workspace.nx(['run', `${stack.name}:${target}`, ...extra], { timeout: NX_TIMEOUT }),
    );
    if (result.exitCode !== 0) {
      const logs = await compose(stack.compose, ['logs', '--no-color'], stack.project.path);
      log(`${target} failed; docker compose logs:\n${tail(logs.output, 6000)}`);
    }
    return result;
  }

  async dispose(): Promise<void> {
    await this.composeProjects.downAll();
    for (const stack of this.stacks) await removeImageTags([stack.name], { force: true });
    this.ws?.dispose();
  }
}

/** A StackWorkspace set up before the tests of the calling `describe` and disposed of after them. */
export function stackWorkspaceForSuite(nxVersion: string): StackWorkspace {
  const stacks = new StackWorkspace(nxVersion);
  beforeAll(() => stacks.setUp(), 20 * 60 * 1000);
  afterAll(() => stacks.dispose(), 5 * 60 * 1000);
  return stacks;
}
