// Two workspaces on one machine, each with a project of the same name, must not share a
// database (issue 12 items 5 and 8): each init records a compose project of its own, and
// compose-up runs under it. And a failed image build fails compose-up with the build's own
// message and exit code 1 (issue 12 item 6), not Nx's 130 for a failed dependency.
import { join } from 'node:path';
import { ComposeProjects, composeProjectOf } from '../../../tools/testing/compose';
import { assertDockerWorks, assertImagePresent, uniqueName } from '../../../tools/testing/engine';
import { freePort } from '../../../tools/testing/net';
import type { RunResult } from '../../../tools/testing/run';
import type { TestWorkspace } from '../../../tools/testing/workspace';
import { selectedNxVersions } from '../../../tools/testing/nx-versions';
import { POSTGRES_DEFAULT_MAJOR, PYTHON_VERSION } from './utils/base-images';
import { createDjangoProject, DJANGO_LAYOUTS } from './utils/django';
import { expectExitCode } from './utils/expect-exit-code';
import { composeStates, composeVolumes } from './utils/postgres-stack';
import { createPluginWorkspace, initGeneratorArgs } from './utils/plugin-workspace';

const [NX_VERSION] = selectedNxVersions();
const composeProjects = new ComposeProjects();
const workspaces: TestWorkspace[] = [];

function initArgs(project: string, hostPort: number, database: 'postgres' | 'none'): string[] {
  return [
    ...initGeneratorArgs(project),
    '--pythonVersion',
    PYTHON_VERSION,
    '--database',
    database,
    '--hostPort',
    String(hostPort),
  ];
}

describe(`stack names and compose-up's exit code (create-nx-workspace@${NX_VERSION})`, () => {
  /** The one Nx project name both workspaces have. */
  let shared = '';
  const stacks: string[] = [];
  const ups: RunResult[] = [];
  const volumes: string[][] = [];

  beforeAll(
    async () => {
      await assertDockerWorks();
      await assertImagePresent(`postgres:${POSTGRES_DEFAULT_MAJOR}`);
      await assertImagePresent(`python:${PYTHON_VERSION}-slim`);
      shared = uniqueName('dde2e', 'same');
      for (let i = 0; i < 2; i++) {
        const ws = await createPluginWorkspace(NX_VERSION);
        workspaces.push(ws);
        const project = await createDjangoProject(ws.root, shared, DJANGO_LAYOUTS[0]);
        await ws.mustNx(initArgs(shared, await freePort(), 'postgres'));
        const stack = composeProjectOf(join(project.path, 'compose.yaml'), shared);
        stacks.push(composeProjects.track(stack));
        // Only the database: it is what the two would share; no image build needed.
        ups.push(await ws.nx(['run', `${shared}:compose-up`, '--services=db']));
        volumes.push(await composeVolumes(stack, 'db-data'));
      }
    },
    20 * 60 * 1000,
  );

  afterAll(
    async () => {
      await composeProjects.downAll();
      for (const ws of workspaces.splice(0)) ws.dispose();
    },
    5 * 60 * 1000,
  );

  describe('two workspaces, each with a project of the same name', () => {
    it('record two different compose projects, each the project name plus 8 hex', () => {
      expect(stacks).toHaveLength(2);
      for (const stack of stacks) expect(stack).toMatch(new RegExp(`^${shared}-[0-9a-f]{8}$`));
      expect(stacks[0]).not.toBe(stacks[1]);
    });

    it.each([0, 1])(
      'start the database of workspace %i (compose-up --services=db exits 0)',
      (i) => {
        expectExitCode(ups[i], 0);
      },
    );

    it('run each under its own compose project', () => {
      for (const i of [0, 1]) expect(ups[i].output).toContain(` -p ${stacks[i]} up`);
    });

    it('give each its own database volume', () => {
      expect(volumes).toEqual([[`${stacks[0]}_db-data`], [`${stacks[1]}_db-data`]]);
    });
  });

  describe('compose-up of a project whose image build fails', () => {
    let broken = '';
    let brokenStack = '';
    let brokenPath = '';
    let up: RunResult | undefined;
    const missing = 'dde2e-no-such-distribution';

    beforeAll(
      async () => {
        const ws = workspaces[0];
        if (!ws) throw new Error('The workspace was not set up (see the first failure).');
        broken = uniqueName('dde2e', 'broken');
        const project = await createDjangoProject(ws.root, broken, {
          ...DJANGO_LAYOUTS[0],
          requirements: `${DJANGO_LAYOUTS[0].requirements}${missing}==1.0\n`,
        });
        brokenPath = project.path;
        await ws.mustNx(initArgs(broken, await freePort(), 'none'));
        brokenStack = composeProjects.track(
          composeProjectOf(join(project.path, 'compose.yaml'), broken),
        );
        up = await ws.nx(['run', `${broken}:compose-up`]);
      },
      15 * 60 * 1000,
    );

    it('exits 1: the failure is the build, not an interrupt (130)', () => {
      expect({ exitCode: up?.exitCode }).toEqual({ exitCode: 1 });
    });

    it("fails with the build's own explanation, under compose-up", () => {
      // Whatever made the build fail (here pip), the message names the build that failed.
      expect(up?.output).toContain(`[docker-django] compose-up failed for project "${broken}"`);
      expect(up?.output).toMatch(
        new RegExp(
          `-p ${brokenStack} build\` exited with code \\d+|pip found no distribution for "${missing}==1.0"`,
        ),
      );
      expect(up?.output).not.toContain(`-p ${brokenStack} up`);
    });

    it('starts no container of the stack', async () => {
      expect(await composeStates(brokenStack, brokenPath)).toEqual([]);
    });
  });
});
