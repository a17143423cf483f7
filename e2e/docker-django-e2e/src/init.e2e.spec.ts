import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compose, ComposeProjects } from '../../../tools/testing/compose';
import { assertDockerWorks, assertImagePresent, uniqueName } from '../../../tools/testing/engine';
import { freePort, waitForHttp, type HttpAnswer } from '../../../tools/testing/net';
import { selectedNxVersions } from '../../../tools/testing/nx-versions';
import { describeFailure, tail, type RunResult } from '../../../tools/testing/run';
import type { TestWorkspace } from '../../../tools/testing/workspace';
import {
  createDjangoProject,
  createNonDjangoProject,
  DJANGO_LAYOUTS,
  type DjangoLayout,
  type DjangoProject,
} from './utils/django';
import { OLDER_PYTHON_VERSION, PYTHON_VERSION } from './utils/base-images';
import { expectExitCode } from './utils/expect-exit-code';
import { snapshotFiles } from './utils/fs-snapshot';
import { createPluginWorkspace, initGeneratorArgs } from './utils/plugin-workspace';

const GENERATED_FILES = ['Dockerfile', 'compose.yaml', '.dockerignore'] as const;
const COMPOSE_TARGETS = ['compose-build', 'compose-up', 'compose-down'] as const;

function initArgs(
  project: string,
  options: { port?: number | string; pythonVersion?: string | null; overwrite?: boolean } = {},
): string[] {
  const args = initGeneratorArgs(project);
  // null: no --pythonVersion, the generator reads the project's .python-version.
  if (options.pythonVersion !== null)
    args.push('--pythonVersion', options.pythonVersion ?? PYTHON_VERSION);
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.overwrite) args.push('--overwrite');
  return args;
}

function readProjectFile(project: { path: string }, file: string): string {
  return readFileSync(join(project.path, file), 'utf-8');
}

/** `nx show project --json`, tolerating any notice nx prints before the JSON. */
function parseJsonOutput(result: RunResult): { targets?: Record<string, unknown> } {
  const start = result.stdout.indexOf('{');
  if (result.exitCode !== 0 || start < 0)
    throw new Error(describeFailure(result, 'nx show project failed'));
  return JSON.parse(result.stdout.slice(start));
}

interface ComposeConfig {
  services: Record<
    string,
    {
      build?: { context?: string };
      ports?: Array<{ target: number; published?: string | number }>;
      healthcheck?: { test?: unknown; disable?: boolean };
    }
  >;
}

const composeProjects = new ComposeProjects();

beforeAll(async () => {
  await assertDockerWorks();
  await assertImagePresent(`python:${PYTHON_VERSION}-slim`);
  await assertImagePresent(`python:${OLDER_PYTHON_VERSION}-slim`);
});

// Whatever a test started comes down after it, passed or failed.
afterEach(() => composeProjects.downAll());
afterAll(() => composeProjects.downAll());

describe.each(selectedNxVersions())(
  'docker-django:init in a create-nx-workspace@%s workspace',
  (nxVersion) => {
    let ws: TestWorkspace | undefined;
    const projects = new Map<DjangoLayout['id'], DjangoProject>();

    function workspace(): TestWorkspace {
      if (!ws)
        throw new Error(
          `The Nx ${nxVersion} workspace was not set up (see the first failure of this suite).`,
        );
      return ws;
    }

    beforeAll(async () => {
      ws = await createPluginWorkspace(nxVersion);
      for (const layout of DJANGO_LAYOUTS) {
        projects.set(layout.id, await createDjangoProject(ws.root, `django-${layout.id}`, layout));
      }
    });

    afterAll(async () => {
      await composeProjects.downAll();
      ws?.dispose();
    });

    describe.each(DJANGO_LAYOUTS.map((layout) => [layout.description, layout] as const))(
      'a Django project with %s',
      (_description, layout) => {
        let project: DjangoProject;
        let port: number;
        let generated: RunResult;

        beforeAll(async () => {
          const found = projects.get(layout.id);
          if (!found)
            throw new Error(
              `The ${layout.id} Django project was not created (see the suite's beforeAll).`,
            );
          project = found;
          port = await freePort();
          generated = await workspace().nx(initArgs(project.name, layoutArgs(port)));
        });

        function layoutArgs(port: number) {
          return { port, pythonVersion: layout.pythonVersionFile ? null : layout.pythonVersion };
        }

        it('nx g docker-django:init --port <port> succeeds', () => {
          expectExitCode(generated, 0);
        });

        it('builds on the Python of .python-version, else the one given', () => {
          expect(readProjectFile(project, 'Dockerfile')).toContain(
            `ARG PYTHON_VERSION=${layout.pythonVersion}\n`,
          );
        });

        it.each(GENERATED_FILES)('writes %s into the project root', (file) => {
          expect(existsSync(join(project.path, file))).toBe(true);
        });

        it('lists gunicorn in requirements.txt exactly once', () => {
          const lines = readProjectFile(project, 'requirements.txt').split(/\r?\n/);
          expect(lines.filter((line) => /^gunicorn\b/i.test(line.trim()))).toHaveLength(1);
          expect(lines).toContain('Django>=4.2,<5');
        });

        it('gives the project compose-build, compose-up and compose-down targets', async () => {
          const shown = parseJsonOutput(
            await workspace().nx(['show', 'project', project.name, '--json']),
          );
          expect(Object.keys(shown.targets ?? {})).toEqual(
            expect.arrayContaining([...COMPOSE_TARGETS]),
          );
        });

        it('docker compose config accepts the generated compose.yaml', async () => {
          const config = await compose(undefined, ['config', '--quiet'], project.path);
          expectExitCode(config, 0);
        });

        it('compose.yaml defines service "server" built from the project root, publishing <port>:<port>, with a healthcheck', async () => {
          const result = await compose(undefined, ['config', '--format', 'json'], project.path);
          expectExitCode(result, 0);
          const config = JSON.parse(result.stdout) as ComposeConfig;
          const server = config.services.server;
          expect(server).toBeDefined();
          expect(server.build?.context).toBe(project.path);
          expect(server.ports?.map((p) => `${p.published}:${p.target}`)).toContain(
            `${port}:${port}`,
          );
          expect(server.healthcheck?.test).toBeDefined();
          expect(server.healthcheck?.disable).not.toBe(true);
        });

        it('docker compose up --build --wait serves the app from gunicorn on http://localhost:<port>/', async () => {
          const name = composeProjects.track(uniqueName('dde2e', `${nxVersion}-${layout.id}`));
          const up = await compose(
            name,
            ['up', '--build', '-d', '--wait', '--wait-timeout', '180'],
            project.path,
          );
          if (up.exitCode !== 0) {
            const logs = await compose(name, ['logs', '--no-color'], project.path);
            throw new Error(
              `${describeFailure(up, 'docker compose up failed')}\n--- docker compose logs ---\n${tail(logs.output, 6000)}`,
            );
          }
          let answer: HttpAnswer;
          try {
            answer = await waitForHttp(`http://localhost:${port}/`, 60_000);
          } catch (error) {
            const logs = await compose(name, ['logs', '--no-color'], project.path);
            throw new Error(
              `${(error as Error).message}\n--- docker compose logs ---\n${tail(logs.output, 6000)}`,
            );
          }
          expect(answer.status).toBeLessThan(500);
          expect(answer.headers.server).toMatch(/gunicorn/i);
        });

        it('re-running the generator with the same options changes no file', async () => {
          const before = snapshotFiles(workspace().root);
          const rerun = await workspace().nx(initArgs(project.name, layoutArgs(port)));
          expectExitCode(rerun, 0);
          expect(snapshotFiles(workspace().root)).toEqual(before);
        });
      },
    );

    describe('a Dockerfile the user edited', () => {
      let project: DjangoProject;
      let port: number;
      let original: string;
      let edited: string;

      beforeAll(async () => {
        project = await createDjangoProject(workspace().root, 'django-edited', DJANGO_LAYOUTS[0]);
        port = await freePort();
        const first = await workspace().nx(initArgs(project.name, { port }));
        if (first.exitCode !== 0)
          throw new Error(describeFailure(first, 'The first init run failed'));
        original = readProjectFile(project, 'Dockerfile');
        edited = `${original.trimEnd()}\n# edited by hand: keep me\nLABEL org.example.owner="e2e"\n`;
        writeFileSync(join(project.path, 'Dockerfile'), edited);
      });

      describe('re-running without --overwrite', () => {
        let rerun: RunResult;
        beforeAll(async () => {
          rerun = await workspace().nx(initArgs(project.name, { port }));
        });

        it('succeeds', () => {
          expectExitCode(rerun, 0);
        });

        it('keeps the edited Dockerfile', () => {
          expect(readProjectFile(project, 'Dockerfile')).toBe(edited);
        });

        it('reports the kept Dockerfile and how to replace it', () => {
          expect(rerun.output).toMatch(/Dockerfile/);
          expect(rerun.output).toMatch(/--overwrite/);
        });
      });

      describe('re-running with --overwrite', () => {
        let rerun: RunResult;
        beforeAll(async () => {
          rerun = await workspace().nx(initArgs(project.name, { port, overwrite: true }));
        });

        it('succeeds', () => {
          expectExitCode(rerun, 0);
        });

        it('replaces the edited Dockerfile with the generated one', () => {
          expect(readProjectFile(project, 'Dockerfile')).toBe(original);
        });
      });
    });

    describe('bad input', () => {
      interface BadCase {
        title: string;
        args: () => string[];
        /** What the error message must quote. */
        quoted: string;
      }
      const cases: BadCase[] = [
        {
          title: '--project nope (no such project)',
          args: () => initArgs('nope', { port: 18080 }),
          quoted: 'nope',
        },
        {
          title: '--project not-django (a project with no manage.py)',
          args: () => initArgs('not-django', { port: 18080 }),
          quoted: 'not-django',
        },
        {
          title: '--port 70000',
          args: () => initArgs('django-pristine', { port: 70000 }),
          quoted: '70000',
        },
        {
          title: '--pythonVersion banana',
          args: () => initArgs('django-pristine', { port: 18080, pythonVersion: 'banana' }),
          quoted: 'banana',
        },
      ];
      const outcomes = new Map<
        string,
        { result: RunResult; before: Record<string, string>; after: Record<string, string> }
      >();

      beforeAll(async () => {
        await createDjangoProject(workspace().root, 'django-pristine', DJANGO_LAYOUTS[0]);
        createNonDjangoProject(workspace().root, 'not-django');
        for (const badCase of cases) {
          const before = snapshotFiles(workspace().root);
          const result = await workspace().nx(badCase.args());
          outcomes.set(badCase.title, { result, before, after: snapshotFiles(workspace().root) });
        }
      });

      function outcome(title: string) {
        const found = outcomes.get(title);
        if (!found) throw new Error(`No run recorded for ${title}.`);
        return found;
      }

      it.each(cases.map((c) => [c.title, c] as const))('%s exits non-zero', (title) => {
        expectExitCode(outcome(title).result, 'non-zero');
      });

      it.each(cases.map((c) => [c.title, c] as const))('%s writes nothing', (title) => {
        const { before, after } = outcome(title);
        expect(after).toEqual(before);
      });

      it.each(cases.map((c) => [c.title, c] as const))(
        '%s quotes the bad value in its error',
        (title, badCase) => {
          expect(outcome(title).result.output).toContain(badCase.quoted);
        },
      );
    });
  },
);
