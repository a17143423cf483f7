import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { compose, ComposeProjects, composeProjectOf } from '../../../tools/testing/compose';
import { uniqueName } from '../../../tools/testing/engine';
import { cleanEnv } from '../../../tools/testing/env';
import { removeImageTags } from '../../../tools/testing/images';
import { log } from '../../../tools/testing/log';
import { freePort, waitForHttp, type HttpAnswer } from '../../../tools/testing/net';
import { selectedNxVersions } from '../../../tools/testing/nx-versions';
import { describeFailure, run, runOrThrow, tail, type RunResult } from '../../../tools/testing/run';
import { timed } from '../../../tools/testing/timing';
import type { TestWorkspace } from '../../../tools/testing/workspace';
import { createDjangoProject, DJANGO_LAYOUTS, type DjangoProject } from './utils/django';
import { PYTHON_VERSION } from './utils/base-images';
import { expectExitCode } from './utils/expect-exit-code';
import {
  composeStates,
  composeVolumes,
  djangoShell,
  readSavedLayers,
  serviceState,
  type ComposeContainerState,
} from './utils/postgres-stack';
import {
  assertBaseImages,
  createPluginWorkspace,
  initGeneratorArgs,
} from './utils/plugin-workspace';

// One Nx train only, the first of selectedNxVersions(): what is under test here is the stack
// the generator writes (PostgreSQL, migrate, secrets, the image), which does not depend on
// the Nx version, and each build and `up` of it costs minutes. init.e2e.spec.ts covers
// every supported train.
const NX_VERSION = selectedNxVersions()[0];
// From the stand-ins' offline package index, as from PyPI (docs/official-images.md).
const REQUIREMENTS = 'Django>=4.2,<5\npsycopg2-binary\n';
const LAYOUT = DJANGO_LAYOUTS[0]; // manage.py at the project root, package "mysite"
const APP_UID = '10001';
const E2E_USER = 'e2e-user';
const NX_TIMEOUT = 10 * 60 * 1000;
const USER_COUNT = `from django.contrib.auth.models import User; print(User.objects.filter(username='${E2E_USER}').count())`;

function initArgs(project: string, hostPort: number, overwrite = false): string[] {
  const args = initGeneratorArgs(
    project,
    '--pythonVersion',
    PYTHON_VERSION,
    '--database',
    'postgres',
  );
  args.push('--hostPort', String(hostPort));
  if (overwrite) args.push('--overwrite');
  return args;
}

function docker(args: readonly string[], timeout = 5 * 60 * 1000): Promise<RunResult> {
  return run('docker', args, { cwd: tmpdir(), env: cleanEnv(), timeout });
}

interface ComposeConfig {
  services: Record<string, { image?: string; build?: unknown; pull_policy?: string }>;
}

const composeProjects = new ComposeProjects();
const tempDirs: string[] = [];

function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `dde2e-pg-${label}-`));
  tempDirs.push(dir);
  return dir;
}

describe(`docker-django:init --database postgres in a create-nx-workspace@${NX_VERSION} workspace`, () => {
  let ws: TestWorkspace | undefined;
  let project: DjangoProject | undefined;
  /** The Nx project name. */
  let name = '';
  /** The compose project the generator recorded (its containers and volume carry it). */
  let stack = '';
  /** Image repositories this file built into: each is a unique project name. */
  const builtRepositories: string[] = [];
  let hostPort = 0;
  let generated: RunResult | undefined;
  /** A value only the project's .env holds. */
  const envMarker = `e2e-env-marker-${randomBytes(16).toString('hex')}`;

  function workspace(): TestWorkspace {
    if (!ws)
      throw new Error(`The Nx ${NX_VERSION} workspace was not set up (see the suite's beforeAll).`);
    return ws;
  }
  function django(): DjangoProject {
    if (!project)
      throw new Error("The Django project was not created (see the suite's beforeAll).");
    return project;
  }
  function secret(file: 'db-password.txt' | 'django-secret-key.txt'): string {
    return readFileSync(join(django().path, 'secrets', file), 'utf-8').trim();
  }
  function nxRun(target: string, extra: string[] = []): Promise<RunResult> {
    return timed(`nx run ${name}:${target} ${extra.join(' ')}`.trim(), () =>
      workspace().nx(['run', `${name}:${target}`, ...extra], { timeout: NX_TIMEOUT }),
    );
  }
  /** compose-up that, on failure, also shows the stack's logs. */
  async function composeUp(): Promise<RunResult> {
    const up = await nxRun('compose-up');
    if (up.exitCode !== 0) {
      const logs = await compose(stack, ['logs', '--no-color'], django().path);
      log(`compose-up failed; docker compose logs:\n${tail(logs.output, 6000)}`);
    }
    return up;
  }
  async function userCount(): Promise<string> {
    const { result, lastLine } = await djangoShell(stack, django().path, USER_COUNT);
    if (result.exitCode !== 0) throw new Error(describeFailure(result, 'Counting users failed'));
    return lastLine;
  }

  beforeAll(
    async () => {
      await assertBaseImages({ postgres: true });
      ws = await createPluginWorkspace(NX_VERSION);
      // create-nx-workspace ran with --skipGit; `git check-ignore` needs a repository.
      await runOrThrow('git', ['init', '-q'], { cwd: ws.root, env: cleanEnv() });
      name = uniqueName('dde2e', 'pg');
      composeProjects.track(name);
      builtRepositories.push(name);
      project = await createDjangoProject(ws.root, name, LAYOUT);
      writeFileSync(join(project.path, 'requirements.txt'), REQUIREMENTS);
      // A local environment file the build context must leave out (.dockerignore: **/.env).
      writeFileSync(join(project.path, '.env'), `E2E_ENV_MARKER=${envMarker}\n`);
      hostPort = await freePort();
      generated = await timed('nx g docker-django:init --database postgres', () =>
        workspace().nx(initArgs(name, hostPort)),
      );
      stack = composeProjects.track(composeProjectOf(join(project.path, 'compose.yaml'), name));
      log(
        `postgres suite: project ${name}, compose project ${stack}, host port ${hostPort}, workspace ${ws.root}`,
      );
    },
    20 * 60 * 1000,
  );

  // Everything this file started comes down, passed or failed: containers, networks, the
  // db-data volume, the images it built (<name>:latest, <name>:nx-*) and its temp folders.
  afterAll(
    async () => {
      await composeProjects.downAll();
      for (const repository of builtRepositories.splice(0))
        await removeImageTags([repository], { force: true });
      for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
      ws?.dispose();
    },
    5 * 60 * 1000,
  );

  describe('the generated files', () => {
    it('nx g docker-django:init --database postgres --pythonVersion <default> succeeds', () => {
      expectExitCode(generated, 0);
    });

    it('docker compose config accepts the generated compose.yaml', async () => {
      const config = await compose(stack, ['config', '--quiet'], django().path);
      expectExitCode(config, 0);
    });

    it('compose.yaml defines the services server, migrate and db', async () => {
      const config = await compose(stack, ['config', '--format', 'json'], django().path);
      expectExitCode(config, 0);
      const services = Object.keys((JSON.parse(config.stdout) as ComposeConfig).services);
      expect(services.sort()).toEqual(['db', 'migrate', 'server']);
    });

    it("container_settings.py beside manage.py imports the project's own settings module", () => {
      const text = readFileSync(join(django().djangoPath, 'container_settings.py'), 'utf-8');
      expect(text).toMatch(new RegExp(`^from ${LAYOUT.module}\\.settings import \\*`, 'm'));
    });
  });

  describe('nx run <project>:compose-up', () => {
    let up: RunResult | undefined;
    let states: ComposeContainerState[] = [];

    beforeAll(async () => {
      up = await composeUp();
      // Read right after compose-up returned: its exit code must mean "ready".
      states = await composeStates(stack, django().path);
    }, NX_TIMEOUT + 60_000);

    it('exits 0', () => {
      expectExitCode(up, 0);
    });

    it('builds the image once: one "naming to <image>:latest" in the build output, migrate has no build of its own', async () => {
      // Two services building the same image would name it twice and leave one dangling.
      const namings = (up?.output ?? '').match(
        new RegExp(`naming to \\S*\\b${name}:latest\\b`, 'g'),
      );
      expect(namings).toHaveLength(1);
      const config = await compose(name, ['config', '--format', 'json'], django().path);
      expectExitCode(config, 0);
      const services = (JSON.parse(config.stdout) as ComposeConfig).services;
      expect(services.migrate).toMatchObject({ image: `${name}:latest`, pull_policy: 'never' });
      expect(services.migrate).not.toHaveProperty('build');
    });

    it('returns only once db is running and healthy', () => {
      expect(serviceState(states, 'db')).toEqual([
        { State: 'running', Health: 'healthy', ExitCode: 0 },
      ]);
    });

    it('returns only once migrate has run to completion with exit code 0', () => {
      expect(serviceState(states, 'migrate')).toEqual([
        { State: 'exited', Health: '', ExitCode: 0 },
      ]);
    });

    it('returns only once server is running and healthy', () => {
      expect(serviceState(states, 'server')).toEqual([
        { State: 'running', Health: 'healthy', ExitCode: 0 },
      ]);
    });

    it('leaves gunicorn answering 200 on http://localhost:<hostPort>/admin/login/', async () => {
      // One short wait, not a long poll: the stack is already reported healthy.
      const answer: HttpAnswer = await waitForHttp(
        `http://localhost:${hostPort}/admin/login/`,
        10_000,
      );
      expect({ status: answer.status, server: answer.headers.server }).toEqual({
        status: 200,
        server: expect.stringMatching(/gunicorn/i),
      });
    });

    it('connects Django to PostgreSQL (connection.vendor is "postgresql")', async () => {
      const { result, lastLine } = await djangoShell(
        stack,
        django().path,
        'from django.db import connection; print(connection.vendor)',
      );
      expectExitCode(result, 0);
      expect(lastLine).toBe('postgresql');
    });

    it("migrate wrote Django's tables into the db service's database", async () => {
      const sql = await compose(
        stack,
        [
          'exec',
          '-T',
          'db',
          'psql',
          '-U',
          'postgres',
          '-d',
          name.replace(/-/g, '_'),
          '-tAc',
          "select count(*) from django_migrations where app = 'auth'",
        ],
        django().path,
      );
      expectExitCode(sql, 0);
      expect(Number(sql.stdout.trim())).toBeGreaterThan(0);
    });

    it("runs the server with the container settings, which keep the project's own ROOT_URLCONF", async () => {
      const { result, lastLine } = await djangoShell(
        stack,
        django().path,
        'from django.conf import settings; print(settings.SETTINGS_MODULE, settings.ROOT_URLCONF)',
      );
      expectExitCode(result, 0);
      expect(lastLine).toBe(`container_settings ${LAYOUT.module}.urls`);
    });

    it(`runs every gunicorn process in the server container as uid ${APP_UID}`, async () => {
      // Real, effective, saved and filesystem uid of each process, from /proc.
      const script = [
        'import os',
        'for pid in sorted(p for p in os.listdir("/proc") if p.isdigit()):',
        '    try:',
        '        cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\\0", b" ").decode().strip()',
        '        uids = [l.split()[1:] for l in open(f"/proc/{pid}/status") if l.startswith("Uid:")][0]',
        '    except OSError:',
        '        continue',
        '    print(pid, ",".join(uids), cmd)',
      ].join('\n');
      const ps = await compose(
        stack,
        ['exec', '-T', 'server', 'python', '-c', script],
        django().path,
      );
      expectExitCode(ps, 0);
      const processes = ps.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [pid, uids, ...cmd] = line.split(' ');
          return { pid, uids, cmd: cmd.join(' ') };
        });
      const gunicorn = processes.filter((p) => /gunicorn/.test(p.cmd));
      // The master is PID 1 (exec-form CMD); WEB_CONCURRENCY=2 workers beside it.
      expect(gunicorn.find((p) => p.pid === '1')).toBeDefined();
      expect(gunicorn.length).toBeGreaterThanOrEqual(2);
      expect(gunicorn.map((p) => p.uids)).toEqual(
        gunicorn.map(() => `${APP_UID},${APP_UID},${APP_UID},${APP_UID}`),
      );
    });
  });

  describe('the server image', () => {
    let image = '';
    let idOutput: RunResult | undefined;
    let history: RunResult | undefined;
    let inspect: RunResult | undefined;
    /** Entry names of every layer of the saved image. */
    let entries: string[] = [];
    /** For each needle, the layers whose bytes contain it. */
    const found = new Map<string, string[]>();
    let needles: Record<string, string> = {};

    beforeAll(
      async () => {
        const config = await compose(stack, ['config', '--format', 'json'], django().path);
        if (config.exitCode !== 0)
          throw new Error(describeFailure(config, 'docker compose config failed'));
        image = (JSON.parse(config.stdout) as ComposeConfig).services.server.image ?? '';
        idOutput = await docker(['run', '--rm', '--entrypoint', 'id', image]);
        history = await docker([
          'history',
          '--no-trunc',
          '--format',
          '{{.CreatedBy}} {{.Comment}}',
          image,
        ]);
        inspect = await docker(['image', 'inspect', image]);

        const settings = readFileSync(
          join(django().djangoPath, LAYOUT.module, 'settings.py'),
          'utf-8',
        );
        const insecureKey = /^SECRET_KEY = '([^']+)'/m.exec(settings)?.[1];
        if (!insecureKey) throw new Error('startproject wrote no SECRET_KEY into settings.py.');
        needles = {
          dbPassword: secret('db-password.txt'),
          djangoSecretKey: secret('django-secret-key.txt'),
          envMarker,
          // Control: settings.py is in the image, so its own key must be found.
          settingsKey: insecureKey,
        };
        const dir = tempDir('save');
        await timed(`docker save ${image}`, async () => {
          const saved = await docker(['save', '-o', join(dir, 'image.tar'), image]);
          if (saved.exitCode !== 0) throw new Error(describeFailure(saved, 'docker save failed'));
          await runOrThrow('tar', ['-xf', 'image.tar'], { cwd: dir, env: cleanEnv() });
          rmSync(join(dir, 'image.tar'));
        });
        for (const layer of readSavedLayers(dir)) {
          entries.push(...layer.entries);
          for (const [key, needle] of Object.entries(needles)) {
            if (layer.bytes.includes(Buffer.from(needle))) {
              found.set(key, [...(found.get(key) ?? []), layer.path]);
            }
          }
        }
        rmSync(dir, { recursive: true, force: true });
      },
      10 * 60 * 1000,
    );

    it('is <name>:latest, the image: of the generated compose.yaml', () => {
      expect(image).toBe(`${name}:latest`);
    });

    it(`runs as uid ${APP_UID} (docker run --rm --entrypoint id <image>)`, () => {
      expectExitCode(idOutput, 0);
      expect(idOutput?.stdout).toMatch(new RegExp(`^uid=${APP_UID}\\(appuser\\) `));
    });

    it("contains the project's settings.py (control: the byte search finds what is there)", () => {
      expect(found.get('settingsKey')?.length ?? 0).toBeGreaterThan(0);
    });

    it.each([
      ['the database password (secrets/db-password.txt)', 'dbPassword'],
      ['the Django secret key (secrets/django-secret-key.txt)', 'djangoSecretKey'],
      ["the marker value of the project's .env", 'envMarker'],
    ])('holds %s in no layer', (_what, key) => {
      expect(found.get(key) ?? []).toEqual([]);
    });

    it.each(['.env', 'db-password.txt', 'django-secret-key.txt'])(
      'has no file named %s in any layer',
      (file) => {
        expect(entries.filter((entry) => basename(entry.replace(/\/$/, '')) === file)).toEqual([]);
      },
    );

    it.each([
      ['the database password', 'dbPassword'],
      ['the Django secret key', 'djangoSecretKey'],
      ['the .env marker value', 'envMarker'],
    ])('shows %s nowhere in docker history --no-trunc', (_what, key) => {
      expectExitCode(history, 0);
      expect(history?.stdout).not.toContain(needles[key]);
    });

    it.each([
      ['the database password', 'dbPassword'],
      ['the Django secret key', 'djangoSecretKey'],
      ['the .env marker value', 'envMarker'],
    ])('shows %s nowhere in docker image inspect (env, labels, config)', (_what, key) => {
      expectExitCode(inspect, 0);
      expect(inspect?.stdout).not.toContain(needles[key]);
    });
  });

  describe('the database across compose-down and compose-up', () => {
    let created: RunResult | undefined;
    let countBefore = '';
    let down: RunResult | undefined;
    let afterDown: { containers: ComposeContainerState[]; volumes: string[] } = {
      containers: [],
      volumes: [],
    };
    let upAgain: RunResult | undefined;
    let countAfterRestart = '';
    let downVolumes: RunResult | undefined;
    let afterDownVolumes: { containers: ComposeContainerState[]; volumes: string[] } = {
      containers: [],
      volumes: [],
    };
    let upFresh: RunResult | undefined;
    let countAfterFresh = '';

    beforeAll(async () => {
      const dir = django().path;
      ({ result: created } = await djangoShell(
        stack,
        dir,
        `from django.contrib.auth.models import User; User.objects.create_user('${E2E_USER}')`,
      ));
      countBefore = await userCount();

      down = await nxRun('compose-down');
      afterDown = {
        containers: await composeStates(stack, dir),
        volumes: await composeVolumes(stack, 'db-data'),
      };
      upAgain = await composeUp();
      countAfterRestart = await userCount();

      downVolumes = await nxRun('compose-down', ['--volumes']);
      afterDownVolumes = {
        containers: await composeStates(stack, dir),
        volumes: await composeVolumes(stack, 'db-data'),
      };
      upFresh = await composeUp();
      countAfterFresh = await userCount();
    }, 3 * NX_TIMEOUT);

    it(`creates user "${E2E_USER}" through Django in the server container`, () => {
      expectExitCode(created, 0);
      expect(countBefore).toBe('1');
    });

    it('nx run <project>:compose-down exits 0 and removes the containers', () => {
      expectExitCode(down, 0);
      expect(afterDown.containers).toEqual([]);
    });

    it('compose-down keeps the db-data volume', () => {
      expect(afterDown.volumes).toEqual([`${stack}_db-data`]);
    });

    it('compose-up after compose-down exits 0', () => {
      expectExitCode(upAgain, 0);
    });

    it('the user survives compose-down and compose-up (count 1)', () => {
      expect(countAfterRestart).toBe('1');
    });

    it('nx run <project>:compose-down --volumes exits 0 and removes the db-data volume', () => {
      expectExitCode(downVolumes, 0);
      expect(afterDownVolumes).toEqual({ containers: [], volumes: [] });
    });

    it('compose-up after compose-down --volumes exits 0', () => {
      expectExitCode(upFresh, 0);
    });

    it('the user is gone after compose-down --volumes and compose-up (count 0)', () => {
      expect(countAfterFresh).toBe('0');
    });
  });

  describe('the secrets', () => {
    interface SecretSnapshot {
      bytes: Buffer;
      mtimeMs: number;
    }
    const SECRET_FILES = ['db-password.txt', 'django-secret-key.txt'] as const;
    const RUNS = ['without --overwrite', 'with --overwrite'] as const;
    const before = new Map<string, SecretSnapshot>();
    const after = new Map<string, SecretSnapshot>();
    const reruns = new Map<string, RunResult>();
    let ignored: RunResult | undefined;
    let notIgnored: RunResult | undefined;

    function snapshot(file: string): SecretSnapshot {
      const path = join(django().path, 'secrets', file);
      return { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
    }

    beforeAll(
      async () => {
        const relative = `apps/${name}`;
        ignored = await run(
          'git',
          ['check-ignore', ...SECRET_FILES.map((f) => `${relative}/secrets/${f}`)],
          { cwd: workspace().root, env: cleanEnv() },
        );
        notIgnored = await run('git', ['check-ignore', `${relative}/manage.py`], {
          cwd: workspace().root,
          env: cleanEnv(),
        });
        for (const file of SECRET_FILES) before.set(file, snapshot(file));
        for (const runLabel of RUNS) {
          reruns.set(
            runLabel,
            await timed(`re-run init ${runLabel}`, () =>
              workspace().nx(initArgs(name, hostPort, runLabel === 'with --overwrite')),
            ),
          );
          for (const file of SECRET_FILES) after.set(`${runLabel} ${file}`, snapshot(file));
        }
      },
      10 * 60 * 1000,
    );

    it('git check-ignore reports both secret files as ignored in a git-initialised workspace', () => {
      expectExitCode(ignored, 0);
      expect(ignored?.stdout.split('\n').filter(Boolean).sort()).toEqual(
        SECRET_FILES.map((f) => `apps/${name}/secrets/${f}`).sort(),
      );
    });

    it('git check-ignore does not report manage.py (control: not everything is ignored)', () => {
      expect(notIgnored?.exitCode).toBe(1);
    });

    it.each(RUNS)('re-running the generator %s succeeds', (runLabel) => {
      expectExitCode(reruns.get(runLabel), 0);
    });

    it.each(RUNS.flatMap((r) => SECRET_FILES.map((f) => [r, f] as const)))(
      're-running the generator %s leaves secrets/%s byte for byte unchanged',
      (runLabel, file) => {
        const was = before.get(file)?.bytes;
        const is = after.get(`${runLabel} ${file}`)?.bytes;
        expect(was).toBeDefined();
        expect(is?.equals(was as Buffer)).toBe(true);
      },
    );

    it.each(RUNS.flatMap((r) => SECRET_FILES.map((f) => [r, f] as const)))(
      're-running the generator %s does not rewrite secrets/%s (same mtime)',
      (runLabel, file) => {
        expect(after.get(`${runLabel} ${file}`)?.mtimeMs).toBe(before.get(file)?.mtimeMs);
      },
    );
  });
  describe('a project whose migration fails', () => {
    const FAILURE = `e2e-migration-failure-${randomBytes(6).toString('hex')}`;
    let failing: DjangoProject | undefined;
    let failingName = '';
    let up: RunResult | undefined;
    let states: ComposeContainerState[] = [];

    beforeAll(
      async () => {
        failingName = composeProjects.track(uniqueName('dde2e', 'pg-failing-migrate'));
        builtRepositories.push(failingName);
        failing = await createDjangoProject(workspace().root, failingName, LAYOUT);
        writeFileSync(join(failing.path, 'requirements.txt'), REQUIREMENTS);
        // A local app whose only migration raises: the server would start, migrate cannot.
        const app = join(failing.djangoPath, 'failing_migration');
        mkdirSync(join(app, 'migrations'), { recursive: true });
        writeFileSync(join(app, '__init__.py'), '');
        writeFileSync(join(app, 'migrations', '__init__.py'), '');
        writeFileSync(
          join(app, 'migrations', '0001_initial.py'),
          [
            'from django.db import migrations',
            '',
            '',
            'def fail(apps, schema_editor):',
            `    raise RuntimeError("${FAILURE}")`,
            '',
            '',
            'class Migration(migrations.Migration):',
            '    dependencies = []',
            '    operations = [migrations.RunPython(fail)]',
            '',
          ].join('\n'),
        );
        appendFileSync(
          join(failing.djangoPath, LAYOUT.module, 'settings.py'),
          "\nINSTALLED_APPS += ['failing_migration']\n",
        );
        const init = await workspace().nx(initArgs(failingName, await freePort()));
        if (init.exitCode !== 0)
          throw new Error(describeFailure(init, 'init --database postgres failed'));
        const failingStack = composeProjects.track(
          composeProjectOf(join(failing.path, 'compose.yaml'), failingName),
        );
        up = await timed(`nx run ${failingName}:compose-up (failing migration)`, () =>
          workspace().nx(['run', `${failingName}:compose-up`], { timeout: NX_TIMEOUT }),
        );
        states = await composeStates(failingStack, failing.path);
      },
      NX_TIMEOUT + 2 * 60 * 1000,
    );

    it('nx run <project>:compose-up exits non-zero', () => {
      expectExitCode(up, 'non-zero');
    });

    it('migrate exited with a non-zero code', () => {
      const migrate = serviceState(states, 'migrate');
      expect(migrate).toHaveLength(1);
      expect(migrate[0]).toMatchObject({ State: 'exited' });
      expect(migrate[0].ExitCode).not.toBe(0);
    });

    it('the server was never started', () => {
      expect(serviceState(states, 'server').map((s) => s.State)).not.toContain('running');
    });

    it("compose-up's output names the migrate service and shows the migration's error", () => {
      expect(up?.output).toMatch(/migrate/);
      expect(up?.output).toContain(FAILURE);
    });
  });
});
