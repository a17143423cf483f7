import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parse } from 'yaml';
import { addDjangoProject } from '../../testing/django-fixtures';
import { read } from '../../testing/tree-files';
import { workspaceComposeProjectName } from '../../nx/compose-project-name';
import { initGenerator } from './generator';

describe('init generator: compose project, image and volume names, host ports', () => {
  let tree: Tree;
  let warn: jest.SpyInstance;
  const base = { skipFormat: true, addPlugin: false, database: 'postgres' } as const;

  const compose = (root: string) => parse(read(tree, `${root}/compose.yaml`));
  const warnings = () => warn.mock.calls.map((call) => String(call[0])).join('\n');
  async function run(project: string, options: Record<string, unknown> = {}) {
    const callback = await initGenerator(tree, { ...base, project, ...options });
    callback();
  }

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    addDjangoProject(tree, { name: 'api.v1', root: 'apps/api-dot' });
    addDjangoProject(tree, { name: 'api-v1', root: 'apps/api-dash' });
    warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('gives api.v1 and api-v1 different compose projects and images; compose.yaml records the project', async () => {
    await run('api.v1');
    await run('api-v1');
    const dot = compose('apps/api-dot');
    const dash = compose('apps/api-dash');
    const dotName = dot['x-docker-django'].composeProject;
    const dashName = dash['x-docker-django'].composeProject;
    expect(dotName).toMatch(/^api-v1-[0-9a-f]{8}$/);
    expect(dashName).toMatch(/^api-v1-[0-9a-f]{8}$/);
    expect(dotName).not.toBe(dashName);
    // The image: the name itself when it is valid, else the valid name plus a hash of the exact one.
    expect(dot.services.server.image).toMatch(/^api-v1-[0-9a-f]{8}:latest$/);
    expect(dash.services.server.image).toBe('api-v1:latest');
  });

  it('names the stack after the workspace too: the same project elsewhere gets another name', () => {
    expect(workspaceComposeProjectName('/ws/one', 'api')).not.toBe(
      workspaceComposeProjectName('/ws/two', 'api'),
    );
    expect(workspaceComposeProjectName('/ws/one', 'api')).toBe(
      workspaceComposeProjectName('/ws/one', 'api'),
    );
  });

  it('keeps the recorded name on a re-run, even when the workspace would hash differently', async () => {
    await run('api.v1');
    const path = 'apps/api-dot/compose.yaml';
    tree.write(path, read(tree, path).replace(/composeProject: \S+/, 'composeProject: kept-name'));
    await run('api.v1', { overwrite: true });
    expect(compose('apps/api-dot')['x-docker-django'].composeProject).toBe('kept-name');
  });

  it('keeps the plain name of a compose.yaml that records none (its volume is named after it)', async () => {
    tree.write('apps/api-dot/compose.yaml', 'services:\n  server:\n    image: x\n');
    await run('api.v1', { overwrite: true });
    const written = compose('apps/api-dot');
    expect(written['x-docker-django'].composeProject).toBeUndefined();
    expect(written.services.server.ports).toEqual(['8000:8000']);
  });

  it('warns when two stacks that record no name share one compose project', async () => {
    for (const root of ['apps/api-dot', 'apps/api-dash']) {
      tree.write(`${root}/compose.yaml`, 'x-docker-django: {}\nservices: {}\n');
    }
    await run('api.v1', { overwrite: true });
    expect(warnings()).toContain(
      'Projects "api.v1" and "api-v1" both run as compose project "api-v1": they share containers',
    );
  });

  it('publishes the next free host port when another generated stack has the default, and says so', async () => {
    await run('api.v1');
    await run('api-v1');
    expect(compose('apps/api-dot').services.server.ports).toEqual(['8000:8000']);
    expect(compose('apps/api-dash').services.server.ports).toEqual(['8001:8000']);
    expect(warnings()).toContain(
      'Host port 8000 is published by project "api.v1" (apps/api-dot/compose.yaml); this stack publishes 8001 instead.',
    );
  });

  it('keeps an explicit --hostPort another stack publishes, with a warning', async () => {
    await run('api.v1');
    await run('api-v1', { hostPort: 8000 });
    expect(compose('apps/api-dash').services.server.ports).toEqual(['8000:8000']);
    expect(warnings()).toContain(
      'Host port 8000 is also published by project "api.v1" (apps/api-dot/compose.yaml): the two stacks cannot run at once.',
    );
  });

  it('does not count its own stack as another on a re-run', async () => {
    await run('api.v1');
    await run('api.v1');
    expect(compose('apps/api-dot').services.server.ports).toEqual(['8000:8000']);
    expect(warnings()).not.toContain('Host port');
  });
});
