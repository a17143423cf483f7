import type { ExecutorContext } from '@nx/devkit';
import { normalizePushOptions } from './normalize-push-options';

const context = (plugins: unknown[] = []): ExecutorContext =>
  ({
    root: '/ws',
    cwd: '/ws',
    projectName: 'api',
    targetName: 'compose-push',
    isVerbose: false,
    projectsConfigurations: {
      version: 2,
      projects: {
        api: {
          root: 'apps/api',
          targets: { 'docker-build': { executor: 'docker-django:compose-build' } },
        },
      },
    },
    nxJsonConfiguration: { plugins },
  }) as unknown as ExecutorContext;

const plugin = { plugin: 'docker-django', options: { registry: 'from-nx-json.example.com' } };

describe('normalizePushOptions', () => {
  it.each([
    [
      'the option',
      { registry: '127.0.0.1:5000' },
      { DOCKER_DJANGO_REGISTRY: 'env.example.com' },
      '127.0.0.1:5000',
      '--registry',
    ],
    [
      'the environment',
      {},
      { DOCKER_DJANGO_REGISTRY: 'env.example.com' },
      'env.example.com',
      'DOCKER_DJANGO_REGISTRY',
    ],
    ['nx.json', {}, {}, 'from-nx-json.example.com', 'the plugin option in nx.json'],
  ])('takes the registry from %s first', (_from, options, env, host, source) => {
    const o = normalizePushOptions(options, context([plugin]), env);
    expect(o.registry.host).toBe(host);
    expect(o.registrySource).toBe(source);
  });

  it('fails with the three ways to name a registry when there is none', () => {
    expect(() => normalizePushOptions({}, context(), {})).toThrow(
      /--registry .*DOCKER_DJANGO_REGISTRY.*nx\.json/,
    );
  });

  it('pushes latest and the commit by default, and finds the renamed build target', () => {
    const o = normalizePushOptions({ registry: '127.0.0.1:5000' }, context(), {});
    expect(o.movingTag).toBe('latest');
    expect(o.commitTag).toBe(true);
    expect(o.buildTarget).toBe('docker-build');
  });

  it('pushes no moving tag for an empty tag', () => {
    expect(
      normalizePushOptions({ registry: 'r.example.com', tag: '' }, context(), {}).movingTag,
    ).toBeUndefined();
  });

  it.each(['-bad', 'nx-123', 'sha-abc', 'a b'])('refuses the moving tag %s', (tag) => {
    expect(() => normalizePushOptions({ registry: 'r.example.com', tag }, context(), {})).toThrow(
      '--tag',
    );
  });
});
