import { type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { addDjangoProject } from '../../testing/django-fixtures';
import { read } from '../../testing/tree-files';
import { initGenerator } from './generator';

// The build context filter keeps secrets out of the image: the OWASP Docker cheat sheet's
// "do not leak sensitive information" items, for the files developers keep in project folders.
describe('init generator: .dockerignore', () => {
  let tree: Tree;
  const base = { project: 'api', skipFormat: true, addPlugin: false };

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    addDjangoProject(tree, { name: 'api', root: 'apps/api', pythonVersionFile: '3.13\n' });
  });

  it.each([
    ['environment files', ['**/.env', '**/.env.*', '**/.envrc', '**/*.env']],
    ['keys and certificates', ['**/*.pem', '**/*.key', '**/*.p12', '**/*.pfx']],
    ['SSH keys', ['**/.ssh', '**/id_rsa*', '**/id_dsa*', '**/id_ecdsa*', '**/id_ed25519*']],
    ['cloud and registry credentials', ['**/.aws', '**/.npmrc', '**/.pypirc', '**/.netrc']],
    ['the generated secrets', ['**/secrets']],
  ])('leaves %s out of the build context', async (_kind, patterns) => {
    await initGenerator(tree, base);
    const lines = read(tree, 'apps/api/.dockerignore').split('\n');
    expect(lines).toEqual(expect.arrayContaining(patterns));
  });

  it('keeps the example environment file, which documents the settings', async () => {
    await initGenerator(tree, base);
    const lines = read(tree, 'apps/api/.dockerignore').split('\n');
    expect(lines.indexOf('!**/.env.example')).toBeGreaterThan(lines.indexOf('**/.env.*'));
  });
});
