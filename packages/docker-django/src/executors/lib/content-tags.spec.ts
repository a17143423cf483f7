import type { ExecutorContext } from '@nx/devkit';
import { parseComposeText } from './compose-file';
import { contentKey, staleContentTags, taggedImages, taskHash } from './content-tags';

const HASH = '0123456789abcdef0123456789abcdef';

function summary(text: string) {
  return parseComposeText(text, '/ws/apps/api/compose.yaml', 'api');
}

describe('taggedImages', () => {
  it('tags every built image once with the task hash in its own repository', () => {
    const file = summary(
      'services:\n  server:\n    build: .\n    image: api:latest\n  migrate:\n    build: .\n    ' +
        'image: api:latest\n  db:\n    image: postgres\n',
    );
    expect(taggedImages(file, [], HASH)).toEqual([
      { service: 'server', image: 'api:latest', contentTag: 'api:nx-0123456789abcdef01234567' },
    ]);
  });

  it('keeps a registry port and path in the repository', () => {
    const file = summary('services:\n  server:\n    build: .\n    image: registry:5000/team/api\n');
    expect(taggedImages(file, [], HASH)?.[0].contentTag).toBe(
      'registry:5000/team/api:nx-0123456789abcdef01234567',
    );
  });

  it('looks only at the services asked for', () => {
    const file = summary(
      'services:\n  server:\n    build: .\n    image: api:latest\n  worker:\n    build: ' +
        './worker\n    image: worker:latest\n',
    );
    expect(taggedImages(file, ['worker'], HASH)?.map((i) => i.service)).toEqual(['worker']);
  });

  it.each([
    ['an image compose names itself', 'services:\n  server:\n    build: .\n'],
    ['an interpolated image name', 'services:\n  server:\n    build: .\n    image: api:${TAG}\n'],
    ['no service that builds', 'services:\n  db:\n    image: postgres\n'],
  ])('gives up (always build) for %s', (_, text) => {
    expect(taggedImages(summary(text), [], HASH)).toBeNull();
  });
});

describe('taskHash', () => {
  function context(configuration?: string): ExecutorContext {
    return {
      root: '/ws',
      cwd: '/ws',
      isVerbose: false,
      projectName: 'api',
      targetName: 'compose-build',
      configurationName: configuration,
      projectsConfigurations: { version: 2, projects: {} },
      nxJsonConfiguration: {},
      projectGraph: { nodes: {}, dependencies: {} },
      taskGraph: {
        roots: [],
        dependencies: {},
        continuousDependencies: {},
        tasks: {
          'web:compose-build': {
            id: 'web:compose-build',
            target: { project: 'web', target: 'compose-build' },
            hash: 'other',
            overrides: {},
            outputs: [],
            parallelism: true,
            continuous: false,
          },
          'api:compose-build': {
            id: 'api:compose-build',
            target: { project: 'api', target: 'compose-build' },
            hash: HASH,
            overrides: {},
            outputs: [],
            parallelism: true,
            continuous: false,
          },
        },
      },
    } as unknown as ExecutorContext;
  }

  it("finds this task's hash among the run's tasks", () => {
    expect(taskHash(context())).toBe(HASH);
  });

  it('finds none for another configuration, so the build runs', () => {
    expect(taskHash(context('production'))).toBeUndefined();
  });
});

describe('staleContentTags', () => {
  const image = { service: 'server', image: 'api:latest', contentTag: 'api:nx-current' };

  it('lists the content tags of earlier builds, and neither the current one nor other tags', () => {
    expect(staleContentTags(image, 'latest\nnx-current\nnx-old1\nv1.2\nnx-old2\n')).toEqual([
      'api:nx-old1',
      'api:nx-old2',
    ]);
  });

  it('finds nothing in an empty listing', () => {
    expect(staleContentTags(image, '')).toEqual([]);
  });
});

describe('contentKey', () => {
  function context(nodes: Record<string, string> | undefined): ExecutorContext {
    return {
      projectName: 'api',
      targetName: 'compose-build',
      taskGraph: {
        tasks: {
          'api:compose-build': {
            id: 'api:compose-build',
            target: { project: 'api', target: 'compose-build' },
            hash: 'whole-task-hash',
            ...(nodes ? { hashDetails: { command: 'c', nodes, implicitDeps: {} } } : {}),
          },
        },
      },
    } as unknown as ExecutorContext;
  }
  const files = { 'api:apps/api/**/*': '1', AllExternalDependencies: '2' };

  it('ignores the runtime inputs, which report the image state every build changes', () => {
    expect(contentKey(context({ ...files, 'runtime:cat token': 'a' }))).toBe(
      contentKey(context({ ...files, 'runtime:cat token': 'b' })),
    );
  });

  it('follows every other input', () => {
    expect(contentKey(context({ ...files, 'api:apps/api/**/*': '3' }))).not.toBe(
      contentKey(context(files)),
    );
  });

  it('is the task hash when Nx gives no hash details', () => {
    expect(contentKey(context(undefined))).toBe('whole-task-hash');
  });
});
