import {
  composeBuildCommand,
  composeDownCommand,
  composeLogsCommand,
  composePsCommand,
  composeStopCommand,
  composeUpCommand,
  globalArgs,
  waitStrategy,
} from './compose-args';
import { createEngine, type ComposeEngine } from './compose-engine';
import { ComposeError } from './errors';
import type {
  NormalizedBuild,
  NormalizedCommon,
  NormalizedDown,
  NormalizedUp,
} from './normalize-options';

const V2 = createEngine('docker', 'Docker Compose version v2.29.1');
const V2_OLD = createEngine('docker', 'Docker Compose version v2.12.2');
const V1 = createEngine(
  'docker-compose',
  'docker-compose version 1.29.2, build unknown\ndocker-py version: 5.0.3',
);
const V2_STANDALONE = createEngine('docker-compose', 'Docker Compose version v2.20.0');
const PODMAN = createEngine(
  'podman',
  '>>>> Executing external compose provider "/usr/local/bin/docker-compose". Please see ' +
    'podman-compose(1) for how to disable this message. <<<<\n\nDocker Compose version v2.27.0',
);
const PODMAN_COMPOSE = createEngine(
  'podman-compose',
  'podman-compose version 1.2.0\npodman version 5.0.3',
);
const PODMAN_COMPOSE_OLD = createEngine(
  'podman-compose',
  "['podman', '--version', '']\nusing podman version: 4.3.1\npodman-composer version  " +
    '1.0.3\npodman --version \npodman version 4.3.1\nexit code: 0',
);

const FILE = '/ws/apps/api/compose.yaml';
const G = ['-f', FILE, '-p', 'api'];

function common(): NormalizedCommon {
  return {
    project: 'api',
    target: 'compose-up',
    downTarget: 'compose-down',
    workspaceRoot: '/ws',
    projectRoot: '/ws/apps/api',
    composeFile: FILE,
    composeProjectName: 'api',
    composeProjectNameGiven: false,
    engine: { engine: 'auto', source: 'auto' },
    profiles: [],
    envFiles: [],
    args: [],
    dryRun: false,
    verbose: false,
  };
}

function buildOptions(o: Partial<NormalizedBuild> = {}): NormalizedBuild {
  return { ...common(), services: [], pull: false, noCache: false, buildArgs: [], ...o };
}

function upOptions(o: Partial<NormalizedUp> = {}): NormalizedUp {
  return {
    ...common(),
    services: [],
    wait: true,
    waitTimeout: undefined,
    removeOrphans: false,
    forceRecreate: false,
    build: false,
    attach: false,
    scale: {},
    ...o,
  };
}

function downOptions(o: Partial<NormalizedDown> = {}): NormalizedDown {
  return { ...common(), volumes: false, removeOrphans: false, timeout: undefined, ...o };
}

describe('engine prefixes', () => {
  it.each<[string, ComposeEngine, string, string[]]>([
    ['docker compose', V2, 'docker', ['compose']],
    ['docker-compose v1', V1, 'docker-compose', []],
    ['docker-compose v2 standalone', V2_STANDALONE, 'docker-compose', []],
    ['podman compose', PODMAN, 'podman', ['compose']],
    ['podman-compose', PODMAN_COMPOSE, 'podman-compose', []],
  ])('%s runs %s with the compose arguments after its prefix', (_, engine, file, prefix) => {
    expect(composeBuildCommand(buildOptions(), engine)).toMatchObject({
      file,
      args: [...prefix, ...G, 'build'],
    });
  });

  it('runs docker-compose v1 with BuildKit through the docker CLI, which RUN --mount needs', () => {
    expect(composeBuildCommand(buildOptions(), V1).env).toEqual({
      COMPOSE_DOCKER_CLI_BUILD: '1',
      DOCKER_BUILDKIT: '1',
    });
  });

  it.each<[string, ComposeEngine]>([
    ['docker compose', V2],
    ['podman-compose', PODMAN_COMPOSE],
  ])('runs %s with the caller environment alone', (_, engine) => {
    expect(composeBuildCommand(buildOptions(), engine).env).toBeUndefined();
  });
});

describe('globalArgs', () => {
  it('puts -f and -p first, then each profile and env file repeated', () => {
    expect(
      globalArgs({ ...common(), profiles: ['db', 'worker'], envFiles: ['/ws/apps/api/.env'] }, V2),
    ).toEqual([...G, '--profile', 'db', '--profile', 'worker', '--env-file', '/ws/apps/api/.env']);
  });

  it.each<[string, ComposeEngine, Partial<NormalizedCommon>, RegExp]>([
    ['compose v1 with two env files', V1, { envFiles: ['/a', '/b'] }, /more than one --env-file/],
    [
      'podman-compose 1.0.3 with a profile',
      PODMAN_COMPOSE_OLD,
      { profiles: ['db'] },
      /--profile needs podman-compose 1\.1\.0/,
    ],
    [
      'podman-compose 1.0.3 with an env file',
      PODMAN_COMPOSE_OLD,
      { envFiles: ['/a'] },
      /--env-file needs podman-compose 1\.1\.0/,
    ],
    [
      'compose 2.12 with two env files',
      V2_OLD,
      { envFiles: ['/a', '/b'] },
      /needs compose 2\.17\.0/,
    ],
  ])('rejects %s with an actionable error', (_, engine, overrides, message) => {
    const run = () => globalArgs({ ...common(), ...overrides }, engine);
    expect(run).toThrow(ComposeError);
    expect(run).toThrow(message);
    expect(run).toThrow(/project "api"/);
  });

  it.each<[string, ComposeEngine]>([
    ['compose v1', V1],
    ['podman-compose 1.2', PODMAN_COMPOSE],
  ])('accepts one env file and a profile on %s', (_, engine) => {
    expect(globalArgs({ ...common(), profiles: ['db'], envFiles: ['/e'] }, engine)).toEqual([
      ...G,
      '--profile',
      'db',
      '--env-file',
      '/e',
    ]);
  });
});

describe('composeBuildCommand', () => {
  it.each<[string, Partial<NormalizedBuild>, string[]]>([
    ['defaults', {}, ['build']],
    ['pull', { pull: true }, ['build', '--pull']],
    ['noCache', { noCache: true }, ['build', '--no-cache']],
    [
      'buildArgs',
      {
        buildArgs: [
          ['PYTHON_VERSION', '3.12'],
          ['EXTRA', 'a b=c'],
        ],
      },
      ['build', '--build-arg', 'PYTHON_VERSION=3.12', '--build-arg', 'EXTRA=a b=c'],
    ],
    ['services last', { services: ['web', 'worker'] }, ['build', 'web', 'worker']],
    [
      'extra args before services',
      { args: ['--progress', 'plain'], services: ['web'] },
      ['build', '--progress', 'plain', 'web'],
    ],
    [
      'everything',
      { pull: true, noCache: true, buildArgs: [['A', '1']], args: ['-q'], services: ['web'] },
      ['build', '--pull', '--no-cache', '--build-arg', 'A=1', '-q', 'web'],
    ],
  ])('%s', (_, overrides, expected) => {
    expect(composeBuildCommand(buildOptions(overrides), V2).args).toEqual([
      'compose',
      ...G,
      ...expected,
    ]);
  });
});

describe('waitStrategy', () => {
  it.each<[string, Partial<NormalizedUp>, ComposeEngine, string]>([
    ['compose v2 waits natively', {}, V2, 'native'],
    ['compose v2 with a timeout waits natively', { waitTimeout: 60 }, V2, 'native'],
    ['compose 2.12 without a timeout waits natively', {}, V2_OLD, 'native'],
    [
      'compose 2.12 has no --wait-timeout, so a timeout is emulated',
      { waitTimeout: 60 },
      V2_OLD,
      'emulated',
    ],
    ['compose v1 has no --wait', {}, V1, 'emulated'],
    ['podman-compose has no --wait', {}, PODMAN_COMPOSE, 'emulated'],
    ['podman compose with a v2 provider waits natively', {}, PODMAN, 'native'],
    ['wait=false does not wait', { wait: false }, V2, 'none'],
    ['attach does not wait', { attach: true }, V1, 'none'],
  ])('%s', (_, overrides, engine, expected) => {
    expect(waitStrategy(upOptions(overrides), engine)).toBe(expected);
  });
});

describe('composeUpCommand', () => {
  it.each<[string, Partial<NormalizedUp>, ComposeEngine, string[]]>([
    ['v2 defaults: detached and waiting', {}, V2, ['up', '-d', '--wait']],
    ['v2 waitTimeout', { waitTimeout: 90 }, V2, ['up', '-d', '--wait', '--wait-timeout', '90']],
    ['v2 wait=false', { wait: false }, V2, ['up', '-d']],
    ['v2 build', { build: true }, V2, ['up', '-d', '--wait', '--build']],
    ['v2 forceRecreate', { forceRecreate: true }, V2, ['up', '-d', '--wait', '--force-recreate']],
    ['v2 removeOrphans', { removeOrphans: true }, V2, ['up', '-d', '--wait', '--remove-orphans']],
    [
      'v2 services and args',
      { services: ['web'], args: ['--quiet-pull'] },
      V2,
      ['up', '-d', '--wait', '--quiet-pull', 'web'],
    ],
    [
      'v2 scale',
      { scale: { server: 3, worker: 2 } },
      V2,
      ['up', '-d', '--wait', '--scale', 'server=3', '--scale', 'worker=2'],
    ],
    ['v2 attach: foreground, no -d, no --wait', { attach: true, waitTimeout: 30 }, V2, ['up']],
    ['v1: no --wait and no --wait-timeout', { waitTimeout: 90 }, V1, ['up', '-d']],
    ['v1 attach', { attach: true, build: true }, V1, ['up', '--build']],
    ['podman-compose', { forceRecreate: true }, PODMAN_COMPOSE, ['up', '-d', '--force-recreate']],
    [
      'compose 2.12 with a timeout: emulated, so no --wait',
      { waitTimeout: 90 },
      V2_OLD,
      ['up', '-d'],
    ],
  ])('%s', (_, overrides, engine, expected) => {
    const spec = composeUpCommand(upOptions(overrides), engine);
    expect(spec.args).toEqual([...engine.command([]).args, ...G, ...expected]);
  });
});

describe('composeDownCommand', () => {
  it.each<[string, Partial<NormalizedDown>, ComposeEngine, string[]]>([
    ['defaults keep volumes', {}, V2, ['down']],
    ['volumes', { volumes: true }, V2, ['down', '--volumes']],
    ['removeOrphans', { removeOrphans: true }, V2, ['down', '--remove-orphans']],
    ['timeout 0', { timeout: 0 }, V2, ['down', '-t', '0']],
    [
      'timeout and args',
      { timeout: 5, args: ['--rmi', 'local'] },
      V2,
      ['down', '-t', '5', '--rmi', 'local'],
    ],
    [
      'v1 everything',
      { volumes: true, removeOrphans: true, timeout: 3 },
      V1,
      ['down', '--volumes', '--remove-orphans', '-t', '3'],
    ],
    [
      'podman-compose 1.2 removeOrphans',
      { removeOrphans: true },
      PODMAN_COMPOSE,
      ['down', '--remove-orphans'],
    ],
  ])('%s', (_, overrides, engine, expected) => {
    const spec = composeDownCommand(downOptions(overrides), engine);
    expect(spec.args).toEqual([...engine.command([]).args, ...G, ...expected]);
  });

  it('refuses removeOrphans on podman-compose 1.0.3, whose down has no --remove-orphans', () => {
    expect(() =>
      composeDownCommand(downOptions({ removeOrphans: true }), PODMAN_COMPOSE_OLD),
    ).toThrow(
      /Option --removeOrphans is not supported by podman-compose 1\.0\.3 \(project "api"\)/,
    );
  });
});

describe('bookkeeping commands', () => {
  it.each<[string, ComposeEngine, string[]]>([
    ['v2 lists every container as JSON', V2, ['compose', ...G, 'ps', '--all', '--format', 'json']],
    ['v1 lists container ids', V1, [...G, 'ps', '-q']],
    ['podman-compose lists container ids', PODMAN_COMPOSE, [...G, 'ps', '-q']],
  ])('ps: %s', (_, engine, expected) => {
    expect(composePsCommand(common(), engine).args).toEqual(expected);
  });

  it.each<[string, ComposeEngine, string[]]>([
    ['v2', V2, ['compose', ...G, 'logs', '--tail', '30', 'web']],
    ['v1', V1, [...G, 'logs', '--tail', '30', 'web']],
  ])('logs --tail on %s', (_, engine, expected) => {
    expect(composeLogsCommand(common(), engine, 'web', 30).args).toEqual(expected);
  });

  it('stop names the services of an attached run', () => {
    expect(composeStopCommand({ ...common(), services: ['web'] }, V2).args).toEqual([
      'compose',
      ...G,
      'stop',
      'web',
    ]);
  });

  it.each<[string, ComposeEngine, string]>([
    ['docker for compose v2', V2, 'docker'],
    ['docker for compose v1', V1, 'docker'],
    ['podman for podman compose', PODMAN, 'podman'],
    ['podman for podman-compose', PODMAN_COMPOSE, 'podman'],
  ])('inspect and info use %s', (_, engine, cli) => {
    expect(engine.inspectCommand(['abc', 'def'])).toEqual({
      file: cli,
      args: ['inspect', 'abc', 'def'],
    });
    expect(engine.infoCommand().file).toBe(cli);
    expect(engine.infoCommand().args[0]).toBe('info');
  });
});
