// A dependency with no wheel for the image: plain psycopg2 is a source distribution that needs a
// compiler and libpq-dev to build and libpq5 to load, none of which a slim image has (the
// stand-in, like the official image, pins that). The generated Dockerfile must install the build
// packages in the builder stage only and the runtime library in the runtime stage, so the image
// builds, imports psycopg2 as appuser and serves, with no compiler left in it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compose, ComposeProjects } from '../../../tools/testing/compose';
import { docker, uniqueName } from '../../../tools/testing/engine';
import { freePort, waitForHttp } from '../../../tools/testing/net';
import type { RunResult } from '../../../tools/testing/run';
import type { TestWorkspace } from '../../../tools/testing/workspace';
import { PYTHON_VERSION } from './utils/base-images';
import { createDjangoProject, DJANGO_LAYOUTS, type DjangoProject } from './utils/django';
import { expectExitCode } from './utils/expect-exit-code';
import {
  assertBaseImages,
  createPluginWorkspace,
  FIXED_NX_VERSION,
  initGeneratorArgs,
} from './utils/plugin-workspace';
import { expectComposeUp } from './utils/expect-compose-up';

const composeProjects = new ComposeProjects();
let ws: TestWorkspace | undefined;
let project: DjangoProject;
let port: number;
let generated: RunResult;
let dockerfile = '';
let name = '';
let up: RunResult;

beforeAll(async () => {
  await assertBaseImages();
  ws = await createPluginWorkspace(FIXED_NX_VERSION);
  project = await createDjangoProject(ws.root, 'django-psycopg2', {
    ...DJANGO_LAYOUTS[0],
    requirements: 'Django>=4.2,<5\npsycopg2\n',
  });
  port = await freePort();
  generated = await ws.nx(
    initGeneratorArgs(project.name, '--pythonVersion', PYTHON_VERSION, '--port', String(port)),
  );
  dockerfile = readFileSync(join(project.path, 'Dockerfile'), 'utf-8');
  name = composeProjects.track(uniqueName('dde2e', 'psycopg2'));
  up = await compose(
    name,
    ['up', '--build', '-d', '--wait', '--wait-timeout', '180'],
    project.path,
  );
});

afterAll(async () => {
  await composeProjects.downAll();
  if (project) await composeProjects.removeImages([project.name]);
  ws?.dispose();
});

it('nx g docker-django:init succeeds', () => {
  expectExitCode(generated, 0);
});

it('installs build-essential and libpq-dev in the builder stage and libpq5 in the runtime stage', () => {
  const runtimeAt = dockerfile.indexOf(' AS runtime');
  expect(dockerfile.slice(0, runtimeAt)).toMatch(
    /apt-get install[^\n]*build-essential[^\n]*libpq-dev/,
  );
  expect(dockerfile.slice(runtimeAt)).toMatch(/apt-get install[^\n]*\blibpq5\b/);
  expect(dockerfile.slice(runtimeAt)).not.toMatch(/build-essential|libpq-dev/);
});

it('builds and starts: docker compose up --build --wait', async () => {
  await expectComposeUp(up, name, project.path);
});

it('serves the app from gunicorn', async () => {
  const answer = await waitForHttp(`http://localhost:${port}/`, 60_000);
  expect(answer.status).toBeLessThan(500);
  expect(answer.headers.server).toMatch(/gunicorn/i);
});

it('imports psycopg2 as appuser, and has no compiler in the runtime image', async () => {
  const imported = await compose(
    name,
    [
      'exec',
      '-T',
      'server',
      'python',
      '-c',
      'import os, psycopg2; print(os.getuid(), psycopg2.__version__)',
    ],
    project.path,
  );
  expectExitCode(imported, 0);
  expect(imported.stdout).toMatch(/^10001 2\./m);
  const compiler = await compose(
    name,
    ['exec', '-T', 'server', 'sh', '-c', 'command -v gcc cc'],
    project.path,
  );
  expectExitCode(compiler, 'non-zero');
});

it('tags the image the compose file names', async () => {
  const image = await docker(['image', 'inspect', '--format', '{{.Id}}', `${project.name}:latest`]);
  expectExitCode(image, 0);
});
