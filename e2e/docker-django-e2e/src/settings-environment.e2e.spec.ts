// Settings that cannot be imported without environment variables (issue 9 item 9): a project
// whose settings read os.environ["SECRET_KEY"], django-environ's env.db() (DATABASE_URL) and
// env("EMAIL_HOST") with no default. Without help, collectstatic fails the build (KeyError,
// ImproperlyConfigured) and the server cannot start. The generated files must give the build
// throw-away values, feed SECRET_KEY from the compose secret, build DATABASE_URL for the
// generated PostgreSQL and put EMAIL_HOST in a git-ignored .env; the stack must build and serve.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compose, ComposeProjects } from '../../../tools/testing/compose';
import { docker, uniqueName } from '../../../tools/testing/engine';
import { freePort, waitForHttp } from '../../../tools/testing/net';
import type { RunResult } from '../../../tools/testing/run';
import type { TestWorkspace } from '../../../tools/testing/workspace';
import { PYTHON_VERSION } from './utils/base-images';
import { createDjangoProject, DJANGO_LAYOUTS, type DjangoProject } from './utils/django';
import { expectExitCode } from './utils/expect-exit-code';
import { djangoShell } from './utils/postgres-stack';
import {
  assertBaseImages,
  createPluginWorkspace,
  FIXED_NX_VERSION,
  initGeneratorArgs,
} from './utils/plugin-workspace';
import { expectComposeUp } from './utils/expect-compose-up';

// django-environ and psycopg2-binary come from the stand-ins' offline index, as from PyPI.
const REQUIREMENTS = 'Django>=4.2,<5\npsycopg2-binary\ndjango-environ\n';
const SETTINGS_TAIL = [
  '',
  '# Read at import with no default, as many real projects do.',
  'import os',
  'import environ',
  '',
  'env = environ.Env()',
  'SECRET_KEY = os.environ["SECRET_KEY"]',
  'DATABASES = {"default": env.db()}',
  'EMAIL_HOST = env("EMAIL_HOST")',
  'STATIC_ROOT = BASE_DIR / "staticfiles"',
  '',
].join('\n');

const composeProjects = new ComposeProjects();
let ws: TestWorkspace | undefined;
let project: DjangoProject;
let port: number;
let generated: RunResult;
let name = '';
let up: RunResult;

beforeAll(
  async () => {
    await assertBaseImages({ postgres: true });
    ws = await createPluginWorkspace(FIXED_NX_VERSION);
    name = composeProjects.track(uniqueName('dde2e', 'envimport'));
    project = await createDjangoProject(ws.root, name, DJANGO_LAYOUTS[0]);
    writeFileSync(join(project.path, 'requirements.txt'), REQUIREMENTS);
    appendFileSync(join(project.djangoPath, 'mysite', 'settings.py'), SETTINGS_TAIL);
    port = await freePort();
    generated = await ws.nx([
      ...initGeneratorArgs(project.name),
      '--pythonVersion',
      PYTHON_VERSION,
      '--database',
      'postgres',
      '--hostPort',
      String(port),
    ]);
    up = await compose(
      name,
      ['up', '--build', '-d', '--wait', '--wait-timeout', '240'],
      project.path,
      15 * 60 * 1000,
    );
  },
  30 * 60 * 1000,
);

afterAll(
  async () => {
    await composeProjects.downAll();
    if (project) await composeProjects.removeImages([project.name]);
    ws?.dispose();
  },
  5 * 60 * 1000,
);

it('nx g docker-django:init succeeds and names what the settings need', () => {
  expectExitCode(generated, 0);
  expect(generated.output).toMatch(/Environment: SECRET_KEY \(/);
  expect(generated.output).toMatch(/Environment: DATABASE_URL \(/);
  expect(generated.output).toMatch(/Environment: EMAIL_HOST \(/);
});

it('writes EMAIL_HOST to .env, and only the names compose does not set itself', () => {
  const dotenv = readFileSync(join(project.path, '.env'), 'utf-8');
  expect(dotenv).toMatch(/^EMAIL_HOST=localhost$/m);
  expect(dotenv).not.toMatch(/^(SECRET_KEY|DATABASE_URL)=/m);
});

it('builds (collectstatic imports the settings) and starts: docker compose up --build --wait', async () => {
  await expectComposeUp(up, name, project.path);
});

it('serves the app from gunicorn', async () => {
  const answer = await waitForHttp(`http://localhost:${port}/admin/login/`, 60_000);
  expect(answer.status).toBe(200);
  expect(answer.headers.server).toMatch(/gunicorn/i);
});

it("runs with the secret file's key, a DATABASE_URL for the db service and .env's EMAIL_HOST", async () => {
  const { result, lastLine } = await djangoShell(
    name,
    project.path,
    [
      'import os',
      'from django.conf import settings',
      'from django.db import connection',
      'key = open("/run/secrets/django-secret-key").read().strip()',
      'url = os.environ["DATABASE_URL"]',
      'connection.ensure_connection()',
      'print(os.environ["SECRET_KEY"] == key, url.startswith("postgres://" + settings.DATABASES["default"]["USER"] + ":") and url.endswith("@db:5432/" + settings.DATABASES["default"]["NAME"]), settings.EMAIL_HOST, connection.vendor)',
    ].join('; '),
  );
  expectExitCode(result, 0);
  expect(lastLine).toBe('True True localhost postgresql');
});

it('keeps the throw-away build values out of the image environment', async () => {
  const inspect = await docker([
    'image',
    'inspect',
    '--format',
    '{{json .Config.Env}}',
    `${project.name}:latest`,
  ]);
  expectExitCode(inspect, 0);
  expect(inspect.stdout).not.toMatch(/SECRET_KEY|DATABASE_URL|EMAIL_HOST/);
});
