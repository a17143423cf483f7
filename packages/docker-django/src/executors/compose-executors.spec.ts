import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../nx/log';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import composeBuildExecutor from './compose-build/executor';
import composeDownExecutor from './compose-down/executor';
import composeUpExecutor from './compose-up/executor';
import { apiExecutorContext, FakeClis, withComposeBuildTask } from '../testing/fake-clis';

/**
 * The executors end to end up to the point where compose would run: option handling,
 * compose-file checks, engine choice and the printed command. Fake CLIs on PATH only answer
 * the version probe and record every call, proving that a dry run runs nothing else.
 * Running real containers is covered by the e2e suite and the manual smoke test.
 */
const COMPOSE = `services:
  web:
    build: .
    ports: ["8000:8000"]
  db:
    image: postgres:16
`;

type Executor = (options: never, context: ExecutorContext) => Promise<{ success: boolean }>;

describe('compose executors', () => {
  let ws: string;
  let clis: FakeClis;
  let savedEngine: string | undefined;
  let info: jest.SpyInstance;
  let error: jest.SpyInstance;

  const projectRoot = () => join(ws, 'apps', 'api');
  const file = () => join(projectRoot(), 'compose.yaml');
  const context = () => apiExecutorContext(ws, 'compose-up');
  const recorded = () => clis.calls();
  const infoLines = () => info.mock.calls.map((c) => String(c[0]));
  const errorLines = () => error.mock.calls.map((c) => String(c[0]));

  function fakeCli(name: string, versionArgs: string, output: string): void {
    clis.write(name, [
      `if [ "$*" = "${versionArgs}" ]; then echo '${output}'; exit 0; fi`,
      `echo "fake ${name}: unexpected call" >&2`,
      'exit 99',
    ]);
  }

  /**
   * A docker that records each call, answers the compose version probe, then each `case` pattern
   * of `answers` (sh `case "$*"` branches); anything else runs `otherwise`.
   */
  function scriptedDocker(answers: string[], otherwise = 'exit 99'): void {
    clis.write('docker', [
      'case "$*" in',
      '  "compose version") echo "Docker Compose version v2.29.1"; exit 0;;',
      ...answers.map((answer) => `  ${answer}`),
      'esac',
      otherwise,
    ]);
  }

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'docker-django-ws-'));
    clis = new FakeClis();
    mkdirSync(projectRoot(), { recursive: true });
    writeFileSync(file(), COMPOSE);
    fakeCli('docker', 'compose version', 'Docker Compose version v2.29.1');
    savedEngine = process.env['DOCKER_DJANGO_COMPOSE_ENGINE'];
    delete process.env['DOCKER_DJANGO_COMPOSE_ENGINE'];
    info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    clis.dispose();
    if (savedEngine === undefined) delete process.env['DOCKER_DJANGO_COMPOSE_ENGINE'];
    else process.env['DOCKER_DJANGO_COMPOSE_ENGINE'] = savedEngine;
    info.mockRestore();
    error.mockRestore();
    rmSync(ws, { recursive: true, force: true });
  });

  describe('dryRun prints the exact command and runs nothing but the version probe', () => {
    it.each<[string, Executor, Record<string, unknown>, string]>([
      [
        'compose-build',
        composeBuildExecutor,
        { pull: true, buildArgs: { A: '1' }, services: ['web'] },
        'build --pull --build-arg A=1 web',
      ],
      ['compose-up', composeUpExecutor, { waitTimeout: 60 }, 'up -d --wait --wait-timeout 60'],
      ['compose-up attached', composeUpExecutor, { attach: true, services: ['web'] }, 'up web'],
      ['compose-down', composeDownExecutor, { timeout: 3 }, 'down -t 3'],
      ['compose-down with volumes', composeDownExecutor, { volumes: true }, 'down --volumes'],
    ])('%s', async (_, executor, options, subcommand) => {
      const result = await executor({ ...options, dryRun: true } as never, context());
      expect(result).toEqual({ success: true });
      expect(infoLines()).toContain(
        `[docker-django] docker compose -f ${file()} -p api ${subcommand}`,
      );
      expect(infoLines()).toContain(
        `[docker-django] dry run, nothing is executed (cwd ${projectRoot()}):`,
      );
      expect(recorded()).toEqual(['docker compose version']);
      expect(error).not.toHaveBeenCalled();
    });

    it('uses the engine named by DOCKER_DJANGO_COMPOSE_ENGINE and says that it will poll', async () => {
      fakeCli('docker-compose', 'version', 'docker-compose version 1.29.2, build unknown');
      process.env['DOCKER_DJANGO_COMPOSE_ENGINE'] = 'docker-compose';
      const result = await composeUpExecutor({ dryRun: true, waitTimeout: 60 }, context());
      expect(result).toEqual({ success: true });
      expect(infoLines()).toContain(
        `[docker-django] COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1 docker-compose -f ${file()} -p api up -d`,
      );
      expect(infoLines().some((l) => l.includes('then polls the container states'))).toBe(true);
      expect(recorded()).toEqual(['docker-compose version']);
    });

    it('compose-up prints its own build step before up (no dependsOn compose-build)', async () => {
      await composeUpExecutor({ dryRun: true, services: ['web'] }, context());
      const build = infoLines().indexOf(
        `[docker-django] docker compose -f ${file()} -p api build web`,
      );
      const up = infoLines().indexOf(
        `[docker-django] docker compose -f ${file()} -p api up -d --wait web`,
      );
      expect(build).toBeGreaterThanOrEqual(0);
      expect(up).toBeGreaterThan(build);
    });

    it('compose-up --build leaves the build to compose (no separate build step)', async () => {
      await composeUpExecutor({ dryRun: true, build: true }, context());
      expect(infoLines().some((l) => / -p api build/.test(l))).toBe(false);
    });

    it('probes the engine once per workspace: the next run reads the cached probe', async () => {
      await composeBuildExecutor({ dryRun: true }, context());
      await composeUpExecutor({ dryRun: true }, context());
      await composeDownExecutor({ dryRun: true }, context());
      expect(recorded()).toEqual(['docker compose version']);
      expect(
        JSON.parse(
          readFileSync(
            join(ws, '.nx', 'workspace-data', 'docker-django', 'engine-probe.json'),
            'utf-8',
          ),
        ).version,
      ).toBe(1);
    });

    it.each<[string, Executor]>([
      ['compose-build', composeBuildExecutor],
      ['compose-up', composeUpExecutor],
      ['compose-down', composeDownExecutor],
    ])('%s runs the compose project compose.yaml records', async (_, executor) => {
      writeFileSync(file(), `x-docker-django:\n  composeProject: api-0123abcd\n${COMPOSE}`);
      await executor({ dryRun: true } as never, context());
      expect(infoLines().some((l) => l.includes(` -f ${file()} -p api-0123abcd `))).toBe(true);
    });

    it('lets --projectName override the recorded compose project', async () => {
      writeFileSync(file(), `x-docker-django:\n  composeProject: api-0123abcd\n${COMPOSE}`);
      await composeDownExecutor({ dryRun: true, projectName: 'other' }, context());
      expect(infoLines()).toContain(`[docker-django] docker compose -f ${file()} -p other down`);
    });

    it('does not depend on the directory Nx was started from', async () => {
      const cwd = process.cwd();
      process.chdir(tmpdir());
      try {
        await composeBuildExecutor({ dryRun: true }, context());
      } finally {
        process.chdir(cwd);
      }
      expect(infoLines()).toContain(`[docker-django] docker compose -f ${file()} -p api build`);
    });
  });

  describe('errors are logged, never a silent { success: false }', () => {
    it.each<[string, Executor]>([
      ['compose-build', composeBuildExecutor],
      ['compose-up', composeUpExecutor],
      ['compose-down', composeDownExecutor],
    ])(
      '%s: a missing compose file names the path and the init generator, before any CLI runs',
      async (_, executor) => {
        rmSync(file());
        await expect(executor({} as never, context())).resolves.toEqual({ success: false });
        expect(errorLines()).toEqual([
          `[docker-django] No compose file "${file()}" for project "api". To generate one, run ` +
            `\`nx g docker-django:init --project api\`.`,
        ]);
        expect(recorded()).toEqual([]);
      },
    );

    it('a malformed compose file gives its line', async () => {
      writeFileSync(file(), 'services:\n  web:\n    build: .\n   ports: ["8000"]\n');
      await expect(composeUpExecutor({}, context())).resolves.toEqual({ success: false });
      expect(errorLines()[0]).toMatch(
        /Compose file ".*compose\.yaml" of project "api" is malformed at line 4/,
      );
      expect(recorded()).toEqual([]);
    });

    it('an unknown service lists the services of the file', async () => {
      await expect(composeBuildExecutor({ services: ['server'] }, context())).resolves.toEqual({
        success: false,
      });
      expect(errorLines()[0]).toContain('Service "server" not found');
      expect(errorLines()[0]).toContain('Services defined there: web, db.');
    });

    it('no compose CLI lists what was tried', async () => {
      rmSync(join(clis.bin, 'docker'));
      await expect(composeUpExecutor({ dryRun: true }, context())).resolves.toEqual({
        success: false,
      });
      expect(errorLines()[0]).toMatch(
        /No compose CLI found for project "api"\. Tried: `docker compose version`/,
      );
    });

    it('an invalid option value', async () => {
      await expect(composeUpExecutor({ waitTimeout: -1 }, context())).resolves.toEqual({
        success: false,
      });
      expect(errorLines()[0]).toContain('Invalid --waitTimeout -1 for project "api"');
      expect(recorded()).toEqual([]);
    });

    it('an option the engine cannot honour', async () => {
      fakeCli('docker-compose', 'version', 'docker-compose version 1.29.2, build unknown');
      await expect(
        composeBuildExecutor(
          { engine: 'docker-compose', envFiles: ['.env', '.env.local'], dryRun: true },
          context(),
        ),
      ).resolves.toEqual({ success: false });
      expect(errorLines()[0]).toContain(
        'Option --envFiles is not supported by docker-compose 1.29.2 (project "api")',
      );
    });
  });

  describe('a failed build explains itself from the output it streamed', () => {
    const PIP_OUTPUT = [
      '#4 [web builder 1/3] FROM docker.io/library/python:3.12-slim',
      '#7 [web builder 3/3] RUN --mount=type=bind,source=requirements.txt,target=/app/requirements.txt     python -m pip install --prefix=/install -r requirements.txt',
      '#7 2.446 ERROR: Could not find a version that satisfies the requirement djangoo==5.0 (from versions: none)',
      '#7 2.449 ERROR: No matching distribution found for djangoo==5.0',
      'failed to solve: executor failed running [/bin/sh -c python -m pip install]: exit code: 1',
    ];
    let written: jest.SpyInstance;

    function failingDocker(subcommand: 'build' | 'up'): void {
      scriptedDocker(
        [
          // PATH holds only the fakes: no cat, echo is a shell builtin.
          `compose*\\ ${subcommand}*) ${PIP_OUTPUT.map((l) => `echo '${l}' >&2;`).join(' ')} exit 17;;`,
          'compose*\\ build*) exit 0;;',
        ],
        'echo "fake docker: unexpected call" >&2; exit 99',
      );
    }

    beforeEach(() => {
      written = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    });
    afterEach(() => written.mockRestore());

    const pipMessage = (target: string) =>
      `[docker-django] ${target} failed for project "api": pip found no distribution for "djangoo==5.0" ` +
      'while building service "web". Check the name and version in requirements.txt (a typo, or a ' +
      "version that does not exist for Python 3.12), or make it available on the package index the image's " +
      'pip uses (PIP_INDEX_URL / --find-links); then run the target again.';

    it('compose-build: which requirement, which service, which file, what to do', async () => {
      failingDocker('build');
      const build = { ...context(), targetName: 'compose-build' };
      await expect(composeBuildExecutor({}, build)).resolves.toEqual({ success: false });
      expect(errorLines()).toHaveLength(1);
      expect(errorLines()[0]).toContain(pipMessage('compose-build'));
      expect(errorLines()[0]).toContain(
        `(\`docker compose -f ${file()} -p api build\` exited with code 17; its output is above.)`,
      );
      // Streamed live, as before.
      expect(written.mock.calls.map((c) => String(c[0])).join('')).toContain(
        'No matching distribution',
      );
      // Recognised: no daemon check needed.
      expect(recorded()).toEqual([
        'docker compose version',
        `docker compose -f ${file()} -p api build`,
      ]);
    });

    it('compose-up: the build that `up` runs is explained the same way, before any daemon check', async () => {
      failingDocker('up');
      await expect(composeUpExecutor({}, context())).resolves.toEqual({ success: false });
      expect(errorLines()).toHaveLength(1);
      expect(errorLines()[0]).toContain(pipMessage('compose-up'));
      expect(recorded()).toEqual([
        'docker compose version',
        `docker compose -f ${file()} -p api build`,
        `docker compose -f ${file()} -p api up -d --wait`,
      ]);
    });

    it("compose-up builds first, itself, and fails with the build's message without starting anything", async () => {
      failingDocker('build');
      await expect(composeUpExecutor({}, context())).resolves.toEqual({ success: false });
      expect(errorLines()).toHaveLength(1);
      expect(errorLines()[0]).toContain(pipMessage('compose-up'));
      expect(errorLines()[0]).toContain(
        `\`docker compose -f ${file()} -p api build\` exited with code 17`,
      );
      expect(recorded()).toEqual([
        'docker compose version',
        `docker compose -f ${file()} -p api build`,
      ]);
    });
  });

  describe('credentials in URLs are never printed', () => {
    let savedHost: string | undefined;
    beforeEach(() => {
      savedHost = process.env['DOCKER_HOST'];
      process.env['DOCKER_HOST'] = 'ssh://deploy:hunter2@build.example';
    });
    afterEach(() => {
      if (savedHost === undefined) delete process.env['DOCKER_HOST'];
      else process.env['DOCKER_HOST'] = savedHost;
    });

    it('DOCKER_HOST in the daemon-down message and the logged command', async () => {
      scriptedDocker([
        'info*) echo "error during connect: ssh://deploy:hunter2@build.example: connection refused" >&2; exit 1;;',
        'compose*down*) exit 1;;',
      ]);
      await expect(
        composeDownExecutor(
          { args: ['--build-arg-never', 'https://u:tok@idx.example'] },
          context(),
        ),
      ).resolves.toEqual({ success: false });
      const everything = [...infoLines(), ...errorLines()].join('\n');
      expect(everything).not.toContain('hunter2');
      expect(everything).not.toContain('tok@');
      expect(errorLines()[0]).toContain('DOCKER_HOST is "ssh://deploy:***@build.example".');
      expect(errorLines()[0]).toContain('error during connect: ssh://deploy:***@build.example');
      expect(infoLines().join('\n')).toContain('https://u:***@idx.example');
    });
  });

  describe('content tags, with the engine answering as docker 20.10 does', () => {
    const HASH = 'abcdef0123456789abcdef0123456789';
    const TAG = 'api:nx-abcdef0123456789abcdef01';
    const buildContext = () => withComposeBuildTask(context(), HASH);
    beforeEach(() =>
      writeFileSync(file(), 'services:\n  web:\n    build: .\n    image: api:latest\n'),
    );

    it('asks once, builds, tags the new image and untags the stale content tag', async () => {
      scriptedDocker([
        `"image inspect"*) echo sha256:0dd; echo "Error response from daemon: no such image: ${TAG}: No such image: ${TAG}" >&2; exit 1;;`,
        '"images api"*) echo latest; echo nx-0ld0ld0ld0ld0ld0ld0ld0ld; exit 0;;',
        'compose*build*) exit 0;;',
        'tag*|rmi*) exit 0;;',
      ]);
      await expect(composeBuildExecutor({}, buildContext())).resolves.toEqual({ success: true });
      const calls = recorded().filter((call) => call !== 'docker compose version');
      expect(calls.filter((call) => call.startsWith('docker image inspect'))).toEqual([
        `docker image inspect --format {{.Id}} ${TAG} api:latest`,
      ]);
      expect(calls).toEqual(
        expect.arrayContaining([
          `docker tag api:latest ${TAG}`,
          'docker rmi api:nx-0ld0ld0ld0ld0ld0ld0ld0ld',
        ]),
      );
      expect(calls.some((call) => call.includes(' build'))).toBe(true);
    });

    it('skips the build and re-points latest when only the content tag is there', async () => {
      scriptedDocker([
        `"image inspect"*) echo sha256:aaaa; echo "Error response from daemon: no such image: api:latest: No such image: api:latest" >&2; exit 1;;`,
        'tag*) exit 0;;',
      ]);
      await expect(composeBuildExecutor({}, buildContext())).resolves.toEqual({ success: true });
      expect(recorded().filter((call) => call !== 'docker compose version')).toEqual([
        `docker image inspect --format {{.Id}} ${TAG} api:latest`,
        `docker tag ${TAG} api:latest`,
      ]);
    });
  });

  describe('a failing docker tag after a build', () => {
    it('is reported with the error template, not as an unexpected error', async () => {
      writeFileSync(file(), 'services:\n  web:\n    build: .\n    image: api:latest\n');
      scriptedDocker([
        '"image inspect"*) echo "Error: No such image" >&2; exit 1;;',
        'compose*build*) exit 0;;',
        'tag*) echo "Error response from daemon: no space left on device" >&2; exit 1;;',
      ]);
      const build = withComposeBuildTask(context(), 'abcdef0123456789abcdef0123456789');

      await expect(composeBuildExecutor({}, build)).resolves.toEqual({ success: false });

      expect(errorLines().join('\n')).not.toContain('Unexpected error');
      expect(errorLines()[0]).toContain(
        'Could not tag image "api:latest" as "api:nx-abcdef0123456789abcdef01" for project "api": ' +
          '`docker tag api:latest api:nx-abcdef0123456789abcdef01` exited with code 1 ' +
          '(Error response from daemon: no space left on device).',
      );
      expect(errorLines()[0]).toContain('then run `nx run api:compose-build` again.');
    });
  });
});
