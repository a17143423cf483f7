import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createEngine, parseVersionOutput, type ComposeEngineName } from './compose-engine';
import {
  commandProbe,
  engineRequest,
  resolveEngine,
  type EngineProbe,
  type ProbeResult,
} from './engine-selection';
import { ComposeError } from './errors';
import { compareReleases } from '../../python/release-versions';

describe('parseVersionOutput', () => {
  it.each<[string, ComposeEngineName, string, string, string | undefined]>([
    ['compose v2 plugin', 'docker', 'Docker Compose version v2.29.1', 'compose-v2', '2.29.1'],
    [
      'Debian compose v2 plugin',
      'docker',
      'Docker Compose version 2.26.1-4',
      'compose-v2',
      '2.26.1',
    ],
    [
      'compose v1',
      'docker-compose',
      'docker-compose version 1.29.2, build unknown\ndocker-py version: 5.0.3\nCPython version: 3.11.2',
      'compose-v1',
      '1.29.2',
    ],
    [
      'compose v2 standalone',
      'docker-compose',
      'Docker Compose version v2.20.0',
      'compose-v2',
      '2.20.0',
    ],
    [
      'podman compose with a docker-compose provider',
      'podman',
      '>>>> Executing external compose provider "/usr/bin/docker-compose". Please see ' +
        'podman-compose(1) for how to disable this message. <<<<\n\nDocker Compose version v2.27.0',
      'compose-v2',
      '2.27.0',
    ],
    [
      'podman compose with a podman-compose provider',
      'podman',
      '>>>> Executing external compose provider "/usr/bin/podman-compose". ' +
        '<<<<\n\npodman-compose version 1.2.0\npodman version 5.0.3',
      'podman-compose',
      '1.2.0',
    ],
    [
      'podman-compose 1.0.3 (prints "podman-composer" after the podman version)',
      'podman-compose',
      "['podman', '--version', '']\nusing podman version: 4.3.1\npodman-composer version  " +
        '1.0.3\npodman --version \npodman version 4.3.1\nexit code: 0',
      'podman-compose',
      '1.0.3',
    ],
    ['unreadable output', 'docker', 'something else', 'compose-v2', undefined],
  ])('%s', (_, name, output, flavour, version) => {
    expect(parseVersionOutput(name, output)).toEqual({ flavour, version });
  });
});

describe('compareReleases (engine versions)', () => {
  it.each<[string, string, number]>([
    ['2.17.0', '2.17.0', 0],
    ['2.9.0', '2.17.0', -1],
    ['2.26.1', '2.17.0', 1],
    ['1.29.2', '2.0.0', -1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareReleases(a, b))).toBe(sign);
  });
});

describe('createEngine', () => {
  it('treats an unknown version as able, leaving the CLI to decide', () => {
    const engine = createEngine('docker', 'no version here');
    expect(engine.supports('waitTimeout')).toBe(true);
    expect(engine.version).toBeUndefined();
  });

  it('compose v1 has profiles and one env file but no wait or JSON ps', () => {
    const v1 = createEngine('docker-compose', 'docker-compose version 1.29.2, build unknown');
    expect(v1.supports('profiles')).toBe(true);
    expect(v1.supports('envFile')).toBe(true);
    expect(v1.supports('multipleEnvFiles')).toBe(false);
    expect(v1.supports('nativeWait')).toBe(false);
    expect(v1.supports('psJson')).toBe(false);
  });
});

describe('engineRequest', () => {
  it.each<[string, string | undefined, string | undefined, string, string]>([
    ['default is auto-detection', undefined, undefined, 'auto', 'auto'],
    ['option auto and no variable', 'auto', undefined, 'auto', 'auto'],
    ['the variable overrides auto', 'auto', 'podman-compose', 'podman-compose', 'env'],
    [
      'the variable applies when the option is unset',
      undefined,
      'docker-compose',
      'docker-compose',
      'env',
    ],
    ['an explicit option beats the variable', 'docker', 'podman', 'docker', 'option'],
    ['the variable set to auto means auto', undefined, 'auto', 'auto', 'auto'],
    ['an empty variable is ignored', undefined, '', 'auto', 'auto'],
  ])('%s', (_, option, variable, engine, source) => {
    const env = variable === undefined ? {} : { DOCKER_DJANGO_COMPOSE_ENGINE: variable };
    expect(engineRequest(option, env, 'api')).toEqual({ engine, source });
  });

  it('rejects an unknown engine option', () => {
    expect(() => engineRequest('dokcer', {}, 'api')).toThrow(
      new RegExp(
        /Invalid --engine "dokcer" for project "api"\. Use one of: auto, docker, /.source +
          /docker-compose, podman, podman-compose\./.source,
      ),
    );
  });

  it('rejects an unknown engine in the variable, naming the variable', () => {
    expect(() =>
      engineRequest(undefined, { DOCKER_DJANGO_COMPOSE_ENGINE: 'nerdctl' }, 'api'),
    ).toThrow(/Invalid DOCKER_DJANGO_COMPOSE_ENGINE "nerdctl" for project "api"/);
  });
});

/** A probe over a fixed table, recording the order of the calls. */
function tableProbe(
  table: Partial<Record<ComposeEngineName, ProbeResult>>,
  calls: string[],
): EngineProbe {
  return async (name) => {
    calls.push(name);
    return table[name] ?? { ok: false, reason: 'not found on PATH' };
  };
}

describe('resolveEngine', () => {
  it.each<[string, Partial<Record<ComposeEngineName, ProbeResult>>, ComposeEngineName, string[]]>([
    [
      'docker compose first',
      {
        docker: { ok: true, output: 'Docker Compose version v2.29.1' },
        'docker-compose': { ok: true, output: 'docker-compose version 1.29.2' },
      },
      'docker',
      ['docker'],
    ],
    [
      'docker-compose when the plugin is missing',
      {
        docker: { ok: false, reason: "exit 1: docker: 'compose' is not a docker command." },
        'docker-compose': { ok: true, output: 'docker-compose version 1.29.2' },
        'podman-compose': { ok: true, output: 'podman-compose version 1.2.0' },
      },
      'docker-compose',
      ['docker', 'docker-compose'],
    ],
    [
      'podman compose before podman-compose',
      {
        podman: { ok: true, output: 'Docker Compose version v2.27.0' },
        'podman-compose': { ok: true, output: 'podman-compose version 1.2.0' },
      },
      'podman',
      ['docker', 'docker-compose', 'podman'],
    ],
    [
      'podman-compose last',
      { 'podman-compose': { ok: true, output: 'podman-compose version 1.2.0' } },
      'podman-compose',
      ['docker', 'docker-compose', 'podman', 'podman-compose'],
    ],
  ])('auto-detection picks %s', async (_, table, expected, order) => {
    const calls: string[] = [];
    const engine = await resolveEngine(
      { engine: 'auto', source: 'auto' },
      tableProbe(table, calls),
      'api',
    );
    expect(engine.name).toBe(expected);
    expect(calls).toEqual(order);
  });

  it('an explicit engine is probed alone, even when an earlier one exists', async () => {
    const calls: string[] = [];
    const engine = await resolveEngine(
      { engine: 'podman-compose', source: 'env' },
      tableProbe(
        {
          docker: { ok: true, output: 'Docker Compose version v2.29.1' },
          'podman-compose': { ok: true, output: 'podman-compose version 1.2.0' },
        },
        calls,
      ),
      'api',
    );
    expect(engine.name).toBe('podman-compose');
    expect(calls).toEqual(['podman-compose']);
  });

  it('lists every CLI tried and how to install one when none is found', async () => {
    const promise = resolveEngine({ engine: 'auto', source: 'auto' }, tableProbe({}, []), 'api');
    await expect(promise).rejects.toThrow(ComposeError);
    await expect(
      resolveEngine({ engine: 'auto', source: 'auto' }, tableProbe({}, []), 'api'),
    ).rejects.toThrow(
      new RegExp(
        /No compose CLI found for project "api"\. Tried: `docker compose version` /.source +
          /\(not found on PATH\), `docker-compose version` \(not found on PATH\), /.source +
          /`podman compose version` \(not found on PATH\), `podman-compose version` /.source +
          /\(not found on PATH\)\. .*apt-get install /.source +
          /docker-compose-plugin.*docs\.docker\.com\/compose\/install/.source,
      ),
    );
  });

  it('says where an unusable explicit engine came from', async () => {
    await expect(
      resolveEngine(
        { engine: 'podman', source: 'env' },
        tableProbe(
          {
            podman: { ok: false, reason: 'exit 125: Error: unrecognized command `podman compose`' },
          },
          [],
        ),
        'api',
      ),
    ).rejects.toThrow(
      new RegExp(
        /Compose engine "podman" \(from DOCKER_DJANGO_COMPOSE_ENGINE\) is not usable /.source +
          /for project "api": `podman compose version` failed \(exit 125: Error: /.source +
          /unrecognized command `podman compose`\)\. `podman compose` needs podman 4\.7/.source,
      ),
    );
  });
});

/**
 * Detection against fake CLIs on PATH: shell scripts that answer the version command and
 * record how they were called. Only for detection and argument construction.
 */
describe('detection with fake CLIs on PATH', () => {
  let bin: string;
  let calls: string;

  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), 'docker-django-fake-bin-'));
    calls = join(bin, 'calls.log');
    writeFileSync(calls, '');
  });

  afterEach(() => {
    rmSync(bin, { recursive: true, force: true });
  });

  /** `answers` maps the first argument(s) to [exit code, output]. */
  function fakeCli(name: string, answers: Record<string, [number, string]>): void {
    const cases = Object.entries(answers)
      .map(([args, [code, out]]) => `  "${args}") printf '%s\\n' '${out}'; exit ${code} ;;`)
      .join('\n');
    writeFileSync(
      join(bin, name),
      `#!/bin/sh\necho "${name} $*" >> '${calls}'\ncase "$*" in\n${cases}\n  *) echo "unknown ` +
        `command: $*" >&2; exit 1 ;;\nesac\n`,
    );
    chmodSync(join(bin, name), 0o755);
  }

  const detect = (variable?: string) => {
    const env: NodeJS.ProcessEnv = {
      PATH: bin,
      ...(variable ? { DOCKER_DJANGO_COMPOSE_ENGINE: variable } : {}),
    };
    return resolveEngine(
      engineRequest(undefined, env, 'api'),
      commandProbe({ cwd: bin, env }),
      'api',
    );
  };

  const recorded = () => readFileSync(calls, 'utf-8').trim().split('\n').filter(Boolean);

  it('prefers docker compose when the plugin answers', async () => {
    fakeCli('docker', { 'compose version': [0, 'Docker Compose version v2.29.1'] });
    fakeCli('docker-compose', { version: [0, 'docker-compose version 1.29.2, build unknown'] });
    const engine = await detect();
    expect(engine.name).toBe('docker');
    expect(engine.version).toBe('2.29.1');
    expect(recorded()).toEqual(['docker compose version']);
  });

  it('falls back to docker-compose v1 when docker has no compose plugin', async () => {
    fakeCli('docker', {});
    fakeCli('docker-compose', { version: [0, 'docker-compose version 1.29.2, build unknown'] });
    const engine = await detect();
    expect(engine.name).toBe('docker-compose');
    expect(engine.flavour).toBe('compose-v1');
    expect(recorded()).toEqual(['docker compose version', 'docker-compose version']);
  });

  it('falls back to podman compose, then podman-compose', async () => {
    fakeCli('podman', { 'compose version': [125, 'Error: unrecognized command'] });
    fakeCli('podman-compose', { version: [0, 'podman-compose version 1.2.0'] });
    const engine = await detect();
    expect(engine.name).toBe('podman-compose');
    expect(recorded()).toEqual(['podman compose version', 'podman-compose version']);
  });

  it('uses the engine named by DOCKER_DJANGO_COMPOSE_ENGINE without probing the others', async () => {
    fakeCli('docker', { 'compose version': [0, 'Docker Compose version v2.29.1'] });
    fakeCli('podman-compose', { version: [0, 'podman-compose version 1.2.0'] });
    const engine = await detect('podman-compose');
    expect(engine.name).toBe('podman-compose');
    expect(recorded()).toEqual(['podman-compose version']);
  });

  it('reports the exit code and message of a CLI that fails', async () => {
    fakeCli('podman', { 'compose version': [125, 'Error: unrecognized command'] });
    await expect(detect('podman')).rejects.toThrow(
      /`podman compose version` failed \(exit 125: Error: unrecognized command\)/,
    );
  });

  it('fails with the list of CLIs tried when PATH has none', async () => {
    await expect(detect()).rejects.toThrow(/Tried: `docker compose version` \(not found on PATH\)/);
  });
});
