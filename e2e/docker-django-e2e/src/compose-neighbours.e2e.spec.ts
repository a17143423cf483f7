// A repository's own compose files beside the generated compose.yaml (issue 9 item 13). Plain
// `docker compose` in the folder picks compose.yaml over docker-compose.yml, but merges any
// override file (docker-compose.override.yml, compose.override.yaml) into it: a dev override
// would change the generated stack. The generator pins COMPOSE_FILE in the .env it writes, and
// leaves the repository's files as they were; checked here with the real `docker compose config`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv } from '../../../tools/testing/env';
import { run, type RunResult } from '../../../tools/testing/run';
import type { TestWorkspace } from '../../../tools/testing/workspace';
import { createDjangoProject, DJANGO_LAYOUTS, type DjangoProject } from './utils/django';
import { expectExitCode } from './utils/expect-exit-code';
import {
  createPluginWorkspace,
  FIXED_NX_VERSION,
  initGeneratorArgs,
} from './utils/plugin-workspace';

const USER_COMPOSE =
  'services:\n  server:\n    build: .\n    command: python manage.py runserver 0.0.0.0:8000\n';
// What a dev override does: a bind mount and DEBUG on a service named like the generator's.
const USER_OVERRIDE =
  'services:\n  server:\n    volumes: [".:/code"]\n    environment:\n      DJANGO_DEBUG: "true"\n';

interface ComposeConfig {
  services: Record<string, { environment?: Record<string, string>; volumes?: unknown[] }>;
}

let ws: TestWorkspace | undefined;
let project: DjangoProject;
let generated: RunResult;

function composeConfig(args: string[] = []): Promise<RunResult> {
  // Plain `docker compose` as a user types it in the folder: no -f, no -p.
  return run('docker', ['compose', ...args, 'config', '--format', 'json'], {
    cwd: project.path,
    env: cleanEnv(),
    timeout: 60_000,
  });
}

beforeAll(
  async () => {
    ws = await createPluginWorkspace(FIXED_NX_VERSION);
    project = await createDjangoProject(ws.root, 'django-own-compose', DJANGO_LAYOUTS[0]);
    writeFileSync(join(project.path, 'docker-compose.yml'), USER_COMPOSE);
    writeFileSync(join(project.path, 'docker-compose.override.yml'), USER_OVERRIDE);
    generated = await ws.nx(initGeneratorArgs(project.name));
  },
  20 * 60 * 1000,
);

afterAll(() => ws?.dispose());

it('nx g docker-django:init succeeds and says what it did about the override file', () => {
  expectExitCode(generated, 0);
  expect(generated.output).toContain(
    'docker-compose.override.yml would merge into compose.yaml on plain `docker compose up`',
  );
});

it('plain `docker compose config` in the folder is the generated stack alone', async () => {
  const config = await composeConfig();
  expectExitCode(config, 0);
  const { services } = JSON.parse(config.stdout) as ComposeConfig;
  expect(Object.keys(services).sort()).toEqual(['migrate', 'server']);
  expect(services.server.environment).not.toHaveProperty('DJANGO_DEBUG');
});

it("leaves the repository's compose files as they were, and they still run as before", async () => {
  expect(readFileSync(join(project.path, 'docker-compose.yml'), 'utf-8')).toBe(USER_COMPOSE);
  expect(readFileSync(join(project.path, 'docker-compose.override.yml'), 'utf-8')).toBe(
    USER_OVERRIDE,
  );
  const config = await composeConfig([
    '-f',
    'docker-compose.yml',
    '-f',
    'docker-compose.override.yml',
  ]);
  expectExitCode(config, 0);
  const { services } = JSON.parse(config.stdout) as ComposeConfig;
  expect(Object.keys(services)).toEqual(['server']);
  expect(services.server.environment).toHaveProperty('DJANGO_DEBUG', 'true');
});

it('without the pin, compose would have merged the override: the check above can fail', async () => {
  const config = await run('docker', ['compose', 'config', '--format', 'json'], {
    cwd: project.path,
    env: { ...cleanEnv(), COMPOSE_FILE: 'compose.yaml:docker-compose.override.yml' },
    timeout: 60_000,
  });
  expectExitCode(config, 0);
  const { services } = JSON.parse(config.stdout) as ComposeConfig;
  expect(services.server.environment).toHaveProperty('DJANGO_DEBUG', 'true');
});
