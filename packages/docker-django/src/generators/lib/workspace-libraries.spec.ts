import { addProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { workspaceLibrariesOf } from './workspace-libraries';

describe('workspaceLibrariesOf', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    addProjectConfiguration(tree, 'api', { root: 'apps/api' });
    addProjectConfiguration(tree, 'shared', { root: 'libs/shared' });
    addProjectConfiguration(tree, 'core', { root: 'libs/core' });
    tree.write('libs/shared/pyproject.toml', '[tool.uv.sources]\ncore = { path = "../core" }\n');
  });

  it('follows path references through the same manifest reader as the graph, libraries of libraries too', () => {
    tree.write('apps/api/requirements.txt', '-r requirements/base.txt\ndjango\n');
    tree.write('apps/api/requirements/base.txt', '-e \\\n  ../../libs/shared\n');
    expect(workspaceLibrariesOf(tree, 'api')).toEqual([
      { name: 'core', root: 'libs/core' },
      { name: 'shared', root: 'libs/shared' },
    ]);
  });

  it('never takes a project at the workspace root as the library of a path outside every project', () => {
    addProjectConfiguration(tree, 'workspace', { root: '.' });
    tree.write('apps/api/requirements.txt', '-e ../../vendor/lib\n-e ../../libs/core\n');
    expect(workspaceLibrariesOf(tree, 'api')).toEqual([{ name: 'core', root: 'libs/core' }]);
  });
});
