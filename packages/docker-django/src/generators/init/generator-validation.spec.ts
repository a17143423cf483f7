import { type Tree } from '@nx/devkit';
import { workspaceWithApi } from '../../testing/django-fixtures';
import { initGenerator } from './generator';

// Bad input fails before the first write, with a message that says what to pass instead.
describe('init generator: input it refuses', () => {
  let tree: Tree;
  const base = { project: 'api', skipFormat: true, addPlugin: false };

  beforeEach(() => {
    tree = workspaceWithApi('3.13');
  });

  /** Every file of the in-memory workspace with its content: a refused run changes none. */
  function written(): Array<[string, string]> {
    return tree.listChanges().map((change) => [change.path, String(change.content ?? '')]);
  }

  it('refuses --settingsModule container_settings, the module it writes itself', async () => {
    const before = written();
    await expect(
      initGenerator(tree, { ...base, settingsModule: 'container_settings' }),
    ).rejects.toThrow(/--settingsModule "container_settings".*your project's own settings module/);
    expect(written()).toEqual(before);
  });

  it.each(['class.settings', 'mysite.import', 'None'])(
    'refuses --settingsModule %j, which Python cannot import (a keyword)',
    async (module) => {
      await expect(initGenerator(tree, { ...base, settingsModule: module })).rejects.toThrow(
        /Invalid settings module.*--settingsModule/,
      );
      expect(tree.exists('apps/api/Dockerfile')).toBe(false);
    },
  );

  it('does not read a garbage runtime.txt as a Python version', async () => {
    tree.delete('apps/api/.python-version');
    tree.write('apps/api/runtime.txt', '3.1garbage\n');
    await initGenerator(tree, base);
    expect(tree.read('apps/api/Dockerfile', 'utf-8')).not.toContain('ARG PYTHON_VERSION=3.1\n');
  });
});
