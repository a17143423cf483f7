import type { ExecutorContext } from '@nx/devkit';
import { composeProjectName } from '../../nx/compose-project-name';
import {
  normalizeBuildOptions,
  normalizeCommonOptions,
  normalizeDownOptions,
  normalizeUpOptions,
} from './normalize-options';

function context(projectName = 'api', root = '/ws'): ExecutorContext {
  return {
    root,
    cwd: '/somewhere/else',
    projectName,
    targetName: 'compose-up',
    isVerbose: false,
    projectsConfigurations: { version: 2, projects: { [projectName]: { root: 'apps/api' } } },
    nxJsonConfiguration: {},
    projectGraph: { nodes: {}, dependencies: {} },
  } as ExecutorContext;
}

describe('composeProjectName', () => {
  it.each<[string, string]>([
    ['api', 'api'],
    ['Shop-API', 'shop-api'],
    ['@acme/web.app', 'acme-web-app'],
    ['my_app', 'my_app'],
    ['--weird--', 'weird'],
    ['_private', 'private'],
    ['2fa', '2fa'],
    ['a..b', 'a-b'],
    ['@@@', 'django'],
  ])('%s -> %s', (input, expected) => {
    expect(composeProjectName(input)).toBe(expected);
  });
});

describe('normalizeCommonOptions', () => {
  it('names the compose-down target as the project has it, for messages', () => {
    const renamed = context();
    renamed.projectsConfigurations.projects['api'].targets = {
      down: { executor: 'docker-django:compose-down' },
    };
    expect(normalizeCommonOptions({}, renamed, {}).downTarget).toBe('down');
    expect(normalizeCommonOptions({}, context(), {}).downTarget).toBe('compose-down');
  });

  it('resolves the project root and compose file against the workspace root, not process.cwd()', () => {
    const o = normalizeCommonOptions({}, context(), {});
    expect(o.projectRoot).toBe('/ws/apps/api');
    expect(o.workspaceRoot).toBe('/ws');
    expect(o.composeFile).toBe('/ws/apps/api/compose.yaml');
    expect(o.composeProjectName).toBe('api');
  });

  it('takes composeFile relative to the project root, or absolute', () => {
    expect(
      normalizeCommonOptions({ composeFile: 'docker/compose.prod.yaml' }, context(), {})
        .composeFile,
    ).toBe('/ws/apps/api/docker/compose.prod.yaml');
    expect(
      normalizeCommonOptions({ composeFile: '/etc/compose.yaml' }, context(), {}).composeFile,
    ).toBe('/etc/compose.yaml');
  });

  it('derives the compose project name from the Nx project name', () => {
    expect(normalizeCommonOptions({}, context('@acme/Shop'), {}).composeProjectName).toBe(
      'acme-shop',
    );
  });

  it('keeps a valid explicit projectName', () => {
    expect(
      normalizeCommonOptions({ projectName: 'shop_dev' }, context(), {}).composeProjectName,
    ).toBe('shop_dev');
  });

  it('rejects an invalid projectName and suggests a valid one', () => {
    expect(() => normalizeCommonOptions({ projectName: 'Shop.App' }, context(), {})).toThrow(
      'Invalid --projectName "Shop.App" for project "api". Compose project names use lowercase ' +
        'letters, digits, "-" and "_", and start with a letter or digit: try "shop-app".',
    );
  });

  it('makes env files absolute under the project root', () => {
    expect(
      normalizeCommonOptions({ envFiles: ['.env', '/abs/.env'] }, context(), {}).envFiles,
    ).toEqual(['/ws/apps/api/.env', '/abs/.env']);
  });

  it('accepts args as one string', () => {
    expect(normalizeCommonOptions({ args: '--ansi=never' }, context(), {}).args).toEqual([
      '--ansi=never',
    ]);
  });

  it.each<[string, NodeJS.ProcessEnv, boolean | undefined, boolean]>([
    ['off by default', {}, undefined, false],
    ['the option', {}, true, true],
    ['NX_VERBOSE_LOGGING', { NX_VERBOSE_LOGGING: 'true' }, undefined, true],
  ])('verbose: %s', (_, env, verbose, expected) => {
    expect(normalizeCommonOptions({ verbose }, context(), env).verbose).toBe(expected);
  });

  it('fails with a fix when run without a project', () => {
    expect(() => normalizeCommonOptions({}, { ...context(), projectName: undefined }, {})).toThrow(
      /need a project: run them as a target/,
    );
  });
});

describe('executor defaults', () => {
  it('compose-build builds without pull or cache busting, build args as strings', () => {
    const o = normalizeBuildOptions(
      { buildArgs: { PYTHON_VERSION: '3.12', WORKERS: 4, DEBUG: false } },
      context(),
      {},
    );
    expect(o.pull).toBe(false);
    expect(o.noCache).toBe(false);
    expect(o.services).toEqual([]);
    expect(o.buildArgs).toEqual([
      ['PYTHON_VERSION', '3.12'],
      ['WORKERS', '4'],
      ['DEBUG', 'false'],
    ]);
  });

  it.each<[string]>([['BAD-NAME'], ['1ST'], ['']])(
    'compose-build rejects the build argument name %j',
    (name) => {
      expect(() => normalizeBuildOptions({ buildArgs: { [name]: 'x' } }, context(), {})).toThrow(
        /Invalid build argument name .* for project "api"/,
      );
    },
  );

  it('compose-up waits, does not rebuild and runs detached by default', () => {
    const o = normalizeUpOptions({}, context(), {});
    expect(o.wait).toBe(true);
    expect(o.waitTimeout).toBeUndefined();
    expect(o.build).toBe(false);
    expect(o.attach).toBe(false);
  });

  it.each<[number]>([[0], [-5], [1.5]])('compose-up rejects waitTimeout %p', (waitTimeout) => {
    expect(() => normalizeUpOptions({ waitTimeout }, context(), {})).toThrow(
      /Invalid --waitTimeout/,
    );
  });

  it('compose-down keeps volumes by default', () => {
    const o = normalizeDownOptions({}, context(), {});
    expect(o.volumes).toBe(false);
    expect(o.timeout).toBeUndefined();
  });

  it('compose-down accepts a timeout of 0 seconds', () => {
    expect(normalizeDownOptions({ timeout: 0 }, context(), {}).timeout).toBe(0);
  });
});
