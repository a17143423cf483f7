import { type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parse } from 'yaml';
import { addDjangoProject } from '../../testing/django-fixtures';
import { read } from '../../testing/tree-files';
import { initGenerator } from './generator';

// Issue 9 item 8: an app two folders down in a bigger repository builds from the smallest
// folder that holds it and its dependency files, not from the whole repository.
describe('init generator: the build context of an app deep in a bigger repository', () => {
  let tree: Tree;
  const base = { project: 'big', skipFormat: true, addPlugin: false };

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    addDjangoProject(tree, {
      name: 'big',
      root: 'apps/big',
      djangoRoot: 'server/backend',
      requirements: null,
      pythonVersionFile: '3.12\n',
      extraFiles: {
        'server/backend/requirements.txt': 'Django>=4.2\ngunicorn\n',
        'frontend/package.json': '{}',
        'docs/index.md': '# docs',
      },
    });
  });

  it('builds from the folder holding manage.py and requirements.txt, with the Dockerfile beside the project', async () => {
    await initGenerator(tree, base);
    const { server } = parse(read(tree, 'apps/big/compose.yaml')).services;
    expect(server.build).toEqual({ context: 'server/backend', dockerfile: '../../Dockerfile' });
    expect(tree.exists('apps/big/server/backend/.dockerignore')).toBe(true);
    expect(tree.exists('apps/big/.dockerignore')).toBe(false);
  });

  it('writes context-relative paths in the Dockerfile: the dependency mount and the app folder', async () => {
    await initGenerator(tree, base);
    const dockerfile = read(tree, 'apps/big/Dockerfile');
    expect(dockerfile).toContain(
      '--mount=type=bind,source=requirements.txt,target=/app/requirements.txt',
    );
    expect(dockerfile).not.toContain('server/backend');
    expect(dockerfile).toMatch(/^COPY \. \.$/m);
  });

  it('keeps the project root as context when a dependency file points at a local folder', async () => {
    tree.write('apps/big/server/backend/requirements.txt', 'Django\ngunicorn\n-e ../../shared\n');
    await initGenerator(tree, base);
    expect(parse(read(tree, 'apps/big/compose.yaml')).services.server.build).toEqual({
      context: '.',
    });
  });

  it('keeps the project root as context when the dependency files sit there', async () => {
    tree.write('apps/big/requirements.txt', 'Django\ngunicorn\n');
    tree.delete('apps/big/server/backend/requirements.txt');
    await initGenerator(tree, base);
    expect(parse(read(tree, 'apps/big/compose.yaml')).services.server.build).toEqual({
      context: '.',
    });
    expect(read(tree, 'apps/big/Dockerfile')).toMatch(/^WORKDIR \/app\/server\/backend$/m);
  });
});
