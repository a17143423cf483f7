import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComposeProjects, composeProjectOf } from '../../../tools/testing/compose';
import { log } from '../../../tools/testing/log';
import { freePort, waitForHttp, type HttpAnswer } from '../../../tools/testing/net';
import { selectedNxVersions } from '../../../tools/testing/nx-versions';
import { describeFailure, tail, type RunResult } from '../../../tools/testing/run';
import { timed } from '../../../tools/testing/timing';
import type { TestWorkspace } from '../../../tools/testing/workspace';
import { createDjangoProject, DJANGO_LAYOUTS } from './utils/django';
import {
  assertSucceeded,
  builtImageRepositories,
  composeContainers,
  composeNetworks,
  composeProcesses,
  composeVolumes,
  dockerWithoutComposeV2,
  ENGINE_ENV_VAR,
  loggedComposeCommands,
  nxEnv,
  runNxWithEnv,
  type ComposeContainer,
  type DockerWithoutComposeV2,
} from './utils/executors-helpers';
import { PYTHON_VERSION } from './utils/base-images';
import { expectExitCode } from './utils/expect-exit-code';
import {
  settle,
  startProcessGroup,
  within,
  type ProcessExit,
  type ProcessGroup,
} from './utils/process-group';
import {
  assertBaseImages,
  createPluginWorkspace,
  initGeneratorArgs,
} from './utils/plugin-workspace';

// The executors are the plugin's own code and behave the same under every supported Nx
// train; init.e2e.spec.ts covers each train. Every test here builds images and starts stacks,
// so it runs on one train only, the first selected (E2E_NX_VERSIONS picks another), to keep
// CI time reasonable.
const [NX_VERSION] = selectedNxVersions();
// Other spec files and developers use the same engine at the same time: every Nx project
// (and so every compose project and image, which take its name) carries this run's id.
const RUN_ID = randomBytes(3).toString('hex');
// Away from the range other spec files draw from, to keep parallel local runs apart.
const PORTS = { from: 27000, to: 27999 } as const;
const NO_DAEMON_SOCKET = `/tmp/dde2e-exec-no-daemon-${RUN_ID}.sock`;
const COMPOSE_TARGETS = ['compose-build', 'compose-up', 'compose-down'] as const;

interface DjangoApp {
  /** The Nx project name. */
  name: string;
  /** The compose project the generator recorded: the name plus a hash of workspace and project. */
  composeProject: string;
  path: string;
  hostPort: number;
  composeFile: string;
  url: string;
}

// Images stay between groups of tests (a rebuild costs tens of seconds); afterAll removes them.
const composeProjects = new ComposeProjects({ keepImages: true });
const imageRepositories = new Set<string>();
let ws: TestWorkspace | undefined;

function workspace(): TestWorkspace {
  if (!ws) throw new Error('The workspace was not set up (see the first failure of this file).');
  return ws;
}

/** `nx <args>` in the workspace, tracking `apps` first so whatever they start comes down. */
function nx(
  apps: DjangoApp[],
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<RunResult> {
  for (const app of apps) composeProjects.track(app.composeProject);
  const shownEnv = Object.entries(env).map(
    ([key, value]) => `${key}=${key === 'PATH' ? '<wrapper>:$PATH' : value} `,
  );
  return timed(`${shownEnv.join('')}nx ${args.join(' ')}`, () =>
    runNxWithEnv(workspace().root, args, env),
  );
}

function runTarget(
  app: DjangoApp,
  target: (typeof COMPOSE_TARGETS)[number],
  flags: string[] = [],
  env: Record<string, string | undefined> = {},
): Promise<RunResult> {
  return nx([app], ['run', `${app.name}:${target}`, ...flags], env);
}

/** A Django project made by `django-admin startproject`, then `nx g docker-django:init`. */
async function addDjangoApp(
  role: string,
  options: { database?: 'postgres' } = {},
): Promise<DjangoApp> {
  // The PostgreSQL app needs a driver from the package index, as it would from PyPI.
  const layout = options.database
    ? { ...DJANGO_LAYOUTS[0], requirements: `${DJANGO_LAYOUTS[0].requirements}psycopg2-binary\n` }
    : DJANGO_LAYOUTS[0];
  const project = await createDjangoProject(
    workspace().root,
    `dde2e-exec-${role}-${RUN_ID}`,
    layout,
  );
  const hostPort = await freePort(PORTS.from, PORTS.to);
  const args = initGeneratorArgs(
    project.name,
    '--pythonVersion',
    PYTHON_VERSION,
    '--hostPort',
    String(hostPort),
  );
  if (options.database) args.push('--database', options.database);
  assertSucceeded(await workspace().nx(args), `nx g docker-django:init for ${project.name} failed`);
  const composeFile = join(project.path, 'compose.yaml');
  for (const repository of builtImageRepositories(composeFile)) imageRepositories.add(repository);
  return {
    name: project.name,
    composeProject: composeProjectOf(composeFile, project.name),
    path: project.path,
    hostPort,
    composeFile,
    url: `http://localhost:${hostPort}`,
  };
}

/** The app's answer at its URL; when there is none, the error lists its containers' states. */
async function answerOf(app: DjangoApp, timeoutMs = 30_000): Promise<HttpAnswer> {
  try {
    return await waitForHttp(`${app.url}/`, timeoutMs);
  } catch (error) {
    const ps = await composeContainers(app.composeProject);
    throw new Error(`${(error as Error).message}\ncontainers: ${JSON.stringify(ps)}`);
  }
}

/**
 * The line the executors log before running docker-compose v1, which builds through the
 * docker CLI with BuildKit (the generated Dockerfile needs it).
 */
function v1Command(app: DjangoApp, subcommand: string): string {
  const env = 'COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1';
  return `[docker-django] ${env} docker-compose -f ${app.composeFile} -p ${app.composeProject} ${subcommand}`;
}

function expectGunicornAnswer(answer: HttpAnswer): void {
  // startproject has no view at /: Django's 404, served by gunicorn, proves the app runs.
  expect(answer.status).toBeLessThan(500);
  expect(answer.headers.server).toMatch(/gunicorn/i);
}

/** `nx show project --json`, tolerating any notice nx prints before the JSON. */
function parseProjectJson(result: RunResult): {
  targets?: Record<string, { executor?: string; dependsOn?: unknown[] }>;
} {
  const start = result.stdout.indexOf('{');
  if (result.exitCode !== 0 || start < 0)
    throw new Error(describeFailure(result, 'nx show project failed'));
  return JSON.parse(result.stdout.slice(start));
}

describe(`compose executors through the nx CLI (create-nx-workspace@${NX_VERSION})`, () => {
  // The app most tests share: no database, so it is quick to start.
  let web: DjangoApp;
  // With --database postgres: a db service and a db-data named volume.
  let db: DjangoApp;

  beforeAll(async () => {
    await assertBaseImages({ postgres: true });
    ws = await createPluginWorkspace(NX_VERSION);
    web = await addDjangoApp('web');
    db = await addDjangoApp('db', { database: 'postgres' });
  });

  afterAll(async () => {
    await composeProjects.downAll();
    await composeProjects.removeImages(imageRepositories);
    ws?.dispose();
  });

  describe('nx show project --json', () => {
    let targets: Record<string, { executor?: string; dependsOn?: unknown[] }>;

    beforeAll(async () => {
      const shown = await nx([], ['show', 'project', web.name, '--json']);
      targets = parseProjectJson(shown).targets ?? {};
    });

    it.each(COMPOSE_TARGETS.map((target) => [target, `docker-django:${target}`] as const))(
      'infers %s backed by the executor %s',
      (target, executor) => {
        expect(targets[target]).toMatchObject({ executor });
      },
    );

    // compose-up builds its images itself: with a dependsOn, Nx 22 ends `nx run` with 130
    // when the build fails, hiding the build's own message (see stack-names.e2e.spec.ts).
    it('lets compose-up build its images itself, without depending on compose-build', () => {
      expect(targets['compose-up']).toBeDefined();
      expect(targets['compose-up']?.dependsOn ?? []).not.toContainEqual(
        expect.objectContaining({ target: 'compose-build' }),
      );
    });
  });

  describe('nx run <app>:compose-up', () => {
    let up: RunResult;

    beforeAll(async () => {
      up = await runTarget(web, 'compose-up');
    });
    afterAll(() => composeProjects.downAll());

    it('exits 0', () => {
      expectExitCode(up, 0);
    });

    it('builds the image before it starts the stack', () => {
      const build = up.output.indexOf(`-p ${web.composeProject} build`);
      const start = up.output.indexOf(`-p ${web.composeProject} up`);
      expect(build).toBeGreaterThanOrEqual(0);
      expect(start).toBeGreaterThan(build);
    });

    it('prints the URL http://localhost:<hostPort>', () => {
      expect(up.output).toContain(web.url);
    });

    it('leaves gunicorn answering HTTP at that URL', async () => {
      expectGunicornAnswer(await answerOf(web));
    });

    describe('then nx run <app>:compose-down', () => {
      let down: RunResult;

      beforeAll(async () => {
        down = await runTarget(web, 'compose-down');
      });

      it('exits 0', () => {
        expectExitCode(down, 0);
      });

      it('leaves no container of the compose project', async () => {
        expect(await composeContainers(web.composeProject)).toEqual([]);
      });

      it('leaves no network of the compose project', async () => {
        expect(await composeNetworks(web.composeProject)).toEqual([]);
      });
    });
  });

  describe('nx run <app>:compose-up --dryRun', () => {
    let dryRun: RunResult;

    beforeAll(async () => {
      dryRun = await runTarget(web, 'compose-up', ['--dryRun']);
    });
    afterAll(() => composeProjects.downAll());

    it('exits 0', () => {
      expectExitCode(dryRun, 0);
    });

    it('prints the exact compose command: -f <compose.yaml> -p <name> up -d --wait', () => {
      expect(loggedComposeCommands(dryRun.output, web.composeProject, 'up')).toContain(
        `[docker-django] docker compose -f ${web.composeFile} -p ${web.composeProject} up -d --wait`,
      );
    });

    it('runs its compose-build dependency as a dry run too', () => {
      const dryRunNotices =
        dryRun.output.match(/\[docker-django\] dry run, nothing is executed/g) ?? [];
      expect(dryRunNotices).toHaveLength(2);
    });

    it('starts no container', async () => {
      expect(await composeContainers(web.composeProject)).toEqual([]);
    });

    it('creates no network', async () => {
      expect(await composeNetworks(web.composeProject)).toEqual([]);
    });
  });

  describe('nx run <app>:compose-build with DOCKER_HOST at a socket nothing listens on', () => {
    let build: RunResult;

    beforeAll(async () => {
      rmSync(NO_DAEMON_SOCKET, { force: true });
      build = await runTarget(web, 'compose-build', [], {
        DOCKER_HOST: `unix://${NO_DAEMON_SOCKET}`,
      });
    });

    it('exits non-zero', () => {
      expectExitCode(build, 'non-zero');
    });

    it('shows the DOCKER_HOST value', () => {
      expect(build.output).toContain(`DOCKER_HOST is "unix://${NO_DAEMON_SOCKET}"`);
    });

    it('says the Docker daemon cannot be reached', () => {
      expect(build.output).toMatch(/\[docker-django\] Cannot reach the Docker daemon for project/);
    });
  });

  describe('compose-down and the named volume of --database postgres', () => {
    afterAll(() => composeProjects.downAll());

    describe('compose-down without --volumes', () => {
      let down: RunResult;

      beforeAll(async () => {
        assertSucceeded(await runTarget(db, 'compose-up'), 'compose-up of the postgres app failed');
        down = await runTarget(db, 'compose-down');
      });

      it('exits 0', () => {
        expectExitCode(down, 0);
      });

      it('removes the containers', async () => {
        expect(await composeContainers(db.composeProject)).toEqual([]);
      });

      it('keeps the db-data and media volumes', async () => {
        expect((await composeVolumes(db.composeProject)).sort()).toEqual([
          `${db.composeProject}_db-data`,
          `${db.composeProject}_media`,
        ]);
      });
    });

    describe('compose-down --volumes', () => {
      let down: RunResult;

      beforeAll(async () => {
        // Only the database needs to run for its volume to be in use: quicker than the stack.
        assertSucceeded(
          await runTarget(db, 'compose-up', ['--services=db']),
          'compose-up --services=db of the postgres app failed',
        );
        down = await runTarget(db, 'compose-down', ['--volumes']);
      });

      it('exits 0', () => {
        expectExitCode(down, 0);
      });

      it('removes the containers', async () => {
        expect(await composeContainers(db.composeProject)).toEqual([]);
      });

      it('removes the db-data volume', async () => {
        expect(await composeVolumes(db.composeProject)).toEqual([]);
      });
    });
  });

  describe('nx run <app>:compose-up --services=nope', () => {
    let up: RunResult;

    beforeAll(async () => {
      up = await runTarget(db, 'compose-up', ['--services=nope']);
    });
    afterAll(() => composeProjects.downAll());

    it('exits non-zero', () => {
      expectExitCode(up, 'non-zero');
    });

    it('names the unknown service and lists the services the compose file defines', () => {
      const message = up.output.split('\n').find((line) => line.includes('"nope"'));
      expect(message).toBeDefined();
      for (const service of ['server', 'migrate', 'db']) expect(message).toContain(service);
    });

    it('starts no container', async () => {
      expect(await composeContainers(db.composeProject)).toEqual([]);
    });
  });

  describe('a compose file that was deleted (targets declared in project.json)', () => {
    // Deleting compose.yaml also removes the targets the plugin infers from it, so this
    // project declares them in project.json, as init --addPlugin=false writes them.
    let app: DjangoApp;
    let build: RunResult;

    beforeAll(async () => {
      app = await addDjangoApp('deleted');
      const projectJson = join(app.path, 'project.json');
      const config = JSON.parse(readFileSync(projectJson, 'utf-8')) as Record<string, unknown>;
      config.targets = Object.fromEntries(
        COMPOSE_TARGETS.map((t) => [t, { executor: `docker-django:${t}` }]),
      );
      writeFileSync(projectJson, JSON.stringify(config, null, 2) + '\n');
      rmSync(app.composeFile);
      build = await runTarget(app, 'compose-build');
    });
    afterAll(() => composeProjects.downAll());

    it('makes compose-build exit non-zero', () => {
      expectExitCode(build, 'non-zero');
    });

    it('names the missing file', () => {
      expect(build.output).toContain(`No compose file "${app.composeFile}"`);
    });
  });

  describe('a malformed compose file', () => {
    let app: DjangoApp;
    let build: RunResult;

    beforeAll(async () => {
      app = await addDjangoApp('malformed');
      // Line 4 is indented one column less than the mapping it belongs to.
      writeFileSync(
        app.composeFile,
        ['services:', '  server:', '    build: .', '   image: broken:latest', ''].join('\n'),
      );
      build = await runTarget(app, 'compose-build');
    });
    afterAll(() => composeProjects.downAll());

    it('makes compose-build exit non-zero', () => {
      expectExitCode(build, 'non-zero');
    });

    it('names the file', () => {
      expect(build.output).toContain(`Compose file "${app.composeFile}"`);
    });

    it('names the line', () => {
      expect(build.output).toMatch(/is malformed at line 4\b/);
    });
  });

  describe('a requirement the package index does not have', () => {
    // pip's own failure inside the image build (here against the stand-ins' offline index,
    // elsewhere against PyPI); the executor's error must name the requirement and the fix.
    const missing = 'docker-django-no-such-package==1.0';
    let app: DjangoApp;
    let build: RunResult;

    beforeAll(async () => {
      app = await addDjangoApp('missing-req');
      appendFileSync(join(app.path, 'requirements.txt'), `${missing}\n`);
      build = await runTarget(app, 'compose-build');
    });
    afterAll(() => composeProjects.downAll());

    it('makes compose-build exit non-zero', () => {
      expectExitCode(build, 'non-zero');
    });

    it("shows pip's own message from the build", () => {
      expect(build.output).toContain(`No matching distribution found for ${missing}`);
    });

    it('says which requirement pip did not find and what to do', () => {
      const message = build.output
        .split('\n')
        .find(
          (line) => line.includes('[docker-django]') && line.includes('pip found no distribution'),
        );
      expect(message).toContain(`"${missing}"`);
      expect(message).toContain('requirements.txt');
      expect(message).toMatch(/run the target again/);
    });
  });

  describe('two apps up at the same time, each with a service called server', () => {
    let twins: DjangoApp[];
    let up: RunResult;
    const containers = new Map<string, ComposeContainer[]>();

    beforeAll(async () => {
      twins = [await addDjangoApp('twin-a'), await addDjangoApp('twin-b')];
      const projects = twins.map((app) => app.name).join(',');
      // In parallel: two executor runs at once must not share state or compose names.
      const args = ['run-many', '-t', 'compose-up', `--projects=${projects}`, '--parallel=2'];
      up = await nx(twins, args);
      for (const app of twins)
        containers.set(app.name, await composeContainers(app.composeProject));
    });
    afterAll(() => composeProjects.downAll());

    it('nx run-many -t compose-up --parallel 2 exits 0', () => {
      expectExitCode(up, 0);
    });

    it.each([0, 1])('prints the URL of app %i', (i) => {
      expect(up.output).toContain(twins[i].url);
    });

    it.each([0, 1])('leaves gunicorn answering at the URL of app %i', async (i) => {
      expectGunicornAnswer(await answerOf(twins[i]));
    });

    it.each([0, 1])('gives app %i a running server container of its own compose project', (i) => {
      // Beside it, the one-shot migrate container that ran before it (SQLite on a volume).
      expect(containers.get(twins[i].name)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ service: 'server', state: 'running' }),
          expect.objectContaining({ service: 'migrate', state: 'exited' }),
        ]),
      );
      expect(containers.get(twins[i].name)).toHaveLength(2);
    });

    it('runs two different server containers', () => {
      const names = twins.map(
        (app) => containers.get(app.name)?.find((c) => c.service === 'server')?.name,
      );
      expect(names[0]).toBeDefined();
      expect(names[0]).not.toBe(names[1]);
    });

    describe('then nx run-many -t compose-down', () => {
      let down: RunResult;

      beforeAll(async () => {
        const projects = twins.map((app) => app.name).join(',');
        down = await nx(twins, ['run-many', '-t', 'compose-down', `--projects=${projects}`]);
      });

      it('exits 0', () => {
        expectExitCode(down, 0);
      });

      it.each([0, 1])('leaves no container of app %i', async (i) => {
        expect(await composeContainers(twins[i].composeProject)).toEqual([]);
      });

      it.each([0, 1])('leaves no network of app %i', async (i) => {
        expect(await composeNetworks(twins[i].composeProject)).toEqual([]);
      });
    });
  });

  describe(`docker-compose v1 chosen with ${ENGINE_ENV_VAR}=docker-compose`, () => {
    const env = { [ENGINE_ENV_VAR]: 'docker-compose' };
    let app: DjangoApp;
    let up: RunResult;

    beforeAll(async () => {
      app = await addDjangoApp('compose-v1');
      up = await runTarget(app, 'compose-up', [], env);
    });
    afterAll(() => composeProjects.downAll());

    it('compose-up exits 0', () => {
      expectExitCode(up, 0);
    });

    it('builds the image with docker-compose (BuildKit through the docker CLI)', () => {
      expect(loggedComposeCommands(up.output, app.composeProject, 'build')).toEqual([
        v1Command(app, 'build'),
      ]);
    });

    it('starts the stack with docker-compose', () => {
      expect(loggedComposeCommands(up.output, app.composeProject, 'up')).toEqual([
        v1Command(app, 'up -d'),
      ]);
    });

    it('prints the URL', () => {
      expect(up.output).toContain(app.url);
    });

    it('leaves gunicorn answering HTTP at that URL', async () => {
      expectGunicornAnswer(await answerOf(app));
    });

    describe('then compose-down', () => {
      let down: RunResult;

      beforeAll(async () => {
        down = await runTarget(app, 'compose-down', [], env);
      });

      it('exits 0', () => {
        expectExitCode(down, 0);
      });

      it('stops with docker-compose', () => {
        expect(loggedComposeCommands(down.output, app.composeProject, 'down')).toEqual([
          v1Command(app, 'down'),
        ]);
      });

      it('leaves no container of the compose project', async () => {
        expect(await composeContainers(app.composeProject)).toEqual([]);
      });

      it('leaves no network of the compose project', async () => {
        expect(await composeNetworks(app.composeProject)).toEqual([]);
      });
    });
  });

  describe('auto-detection on a machine whose docker CLI has no compose plugin', () => {
    let docker: DockerWithoutComposeV2 | undefined;
    let env: Record<string, string>;
    let app: DjangoApp;
    let up: RunResult;

    beforeAll(async () => {
      docker = await dockerWithoutComposeV2();
      env = { PATH: `${docker.binDir}:${nxEnv().PATH ?? ''}` };
      app = await addDjangoApp('auto-v1');
      up = await runTarget(app, 'compose-up', [], env);
    });
    afterAll(async () => {
      await composeProjects.downAll();
      docker?.dispose();
    });

    it('compose-up exits 0', () => {
      expectExitCode(up, 0);
    });

    it('tried `docker compose` first, which the docker CLI refused', () => {
      expect(docker?.refusals()).toContain('compose version');
    });

    it('falls back to docker-compose: the logged up command starts with docker-compose', () => {
      const [command] = loggedComposeCommands(up.output, app.composeProject, 'up');
      expect(command).toMatch(/^\[docker-django\] (?:[A-Z_][A-Z0-9_]*=\S* )*docker-compose /);
    });

    it('leaves gunicorn answering HTTP at the URL', async () => {
      expectGunicornAnswer(await answerOf(app));
    });

    describe('then compose-down', () => {
      let down: RunResult;

      beforeAll(async () => {
        down = await runTarget(app, 'compose-down', [], env);
      });

      it('exits 0', () => {
        expectExitCode(down, 0);
      });

      it('leaves no container of the compose project', async () => {
        expect(await composeContainers(app.composeProject)).toEqual([]);
      });
    });
  });

  describe('nx run <app>:compose-up --attach, interrupted with SIGINT (Ctrl+C)', () => {
    const EXIT_LIMIT_MS = 60_000;
    // nx ends on its own SIGINT handling without waiting for the executor, and compose is
    // still stopping the containers then (about 1 to 3 s after the signal on this machine),
    // so a container can outlive nx by a moment. What is checked is that Ctrl+C stops them
    // and leaves no compose process: within this window after nx exits, not at that instant.
    const SETTLE_MS = 10_000;
    let nxProcess: ProcessGroup | undefined;
    let answer: HttpAnswer;
    let exit: ProcessExit | 'timeout';
    let running: ComposeContainer[];
    let processes: string[];
    let nxOutput = '';

    beforeAll(async () => {
      composeProjects.track(web.composeProject);
      // Its own process group, like a foreground job in a terminal: Ctrl+C signals the group.
      nxProcess = startProcessGroup('npx', ['nx', 'run', `${web.name}:compose-up`, '--attach'], {
        cwd: workspace().root,
        env: nxEnv(),
      });
      const group = nxProcess;
      // compose-build runs first; then gunicorn starts in the foreground. An nx that ends
      // before the app answers has failed: no point in waiting the full time for HTTP.
      const first = await Promise.race([
        waitForHttp(`${web.url}/`, 5 * 60 * 1000).then(
          (value) => ({ answer: value }),
          (error: Error) => ({ error }),
        ),
        group.exit.then((value) => ({ exited: value })),
      ]);
      if (!('answer' in first)) {
        const why =
          'exited' in first
            ? `nx exited (${JSON.stringify(first.exited)}) before ${web.url}/ answered`
            : first.error.message;
        throw new Error(`${why}\n--- nx output ---\n${group.output()}`);
      }
      answer = first.answer;
      nxProcess.signalGroup('SIGINT');
      const started = Date.now();
      exit = await within(nxProcess.exit, EXIT_LIMIT_MS);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      log(`nx exited ${seconds} s after SIGINT: ${JSON.stringify(exit)}`);
      const settled = await settle(
        async () => ({
          running: await composeContainers(web.composeProject, { running: true }),
          processes: await composeProcesses(web.composeProject),
        }),
        (state) => state.running.length === 0 && state.processes.length === 0,
        SETTLE_MS,
      );
      ({ running, processes } = settled.value);
      log(`containers and compose processes checked ${settled.afterMs} ms after nx exited`);
      nxOutput = nxProcess.output();
    });
    afterAll(async () => {
      nxProcess?.killGroup();
      await composeProjects.downAll();
    });

    it('serves the app from gunicorn while attached', () => {
      expectGunicornAnswer(answer);
    });

    it(`nx exits within ${EXIT_LIMIT_MS / 1000} s of SIGINT`, () => {
      expect(exit).not.toBe('timeout');
    });

    it(`stops the containers: none of the compose project runs ${SETTLE_MS / 1000} s later`, () => {
      expect({ running, nxOutput: tail(nxOutput, 4000) }).toMatchObject({ running: [] });
    });

    it('leaves no docker compose / docker-compose process of the compose project', () => {
      expect({ processes, nxOutput: tail(nxOutput, 4000) }).toMatchObject({ processes: [] });
    });
  });
});
