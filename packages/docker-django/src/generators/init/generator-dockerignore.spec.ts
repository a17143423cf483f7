import { type Tree } from '@nx/devkit';
import { settingsPy, workspaceWithApi } from '../../testing/django-fixtures';
import { read } from '../../testing/tree-files';
import { initGenerator } from './generator';

// The build context filter keeps secrets out of the image: the OWASP Docker cheat sheet's
// "do not leak sensitive information" items, for the files developers keep in project folders.
describe('init generator: .dockerignore', () => {
  let tree: Tree;
  const base = { project: 'api', skipFormat: true, addPlugin: false };

  beforeEach(() => {
    tree = workspaceWithApi('3.13');
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

// Item 10 of issue 9: leave out only what Django fills at run time, never a folder the build needs.
describe('init generator: .dockerignore and the static settings', () => {
  let tree: Tree;
  const base = { project: 'api', skipFormat: true, addPlugin: false };
  const settings = (extra: string) =>
    tree.write(
      'apps/api/mysite/settings.py',
      `${settingsPy('mysite')}INSTALLED_APPS = ['django.contrib.staticfiles']\n${extra}`,
    );
  const ignored = () => read(tree, 'apps/api/.dockerignore').split('\n');

  beforeEach(() => {
    tree = workspaceWithApi('3.13');
  });

  it("leaves out the project's own STATIC_ROOT and MEDIA_ROOT", async () => {
    settings("STATIC_ROOT = BASE_DIR / 'collected'\nMEDIA_ROOT = BASE_DIR / 'uploads'\n");
    await initGenerator(tree, base);
    expect(ignored()).toEqual(expect.arrayContaining(['collected', 'uploads']));
    expect(ignored()).not.toContain('staticfiles');
  });

  it('keeps media/ when it is not MEDIA_ROOT', async () => {
    settings('');
    await initGenerator(tree, base);
    expect(ignored()).not.toContain('media');
  });

  it('keeps a folder STATICFILES_DIRS or the templates use, even one named like STATIC_ROOT', async () => {
    settings(
      "STATIC_ROOT = BASE_DIR / 'static'\nSTATICFILES_DIRS = [\n    BASE_DIR / 'static',\n]\n" +
        "MEDIA_ROOT = BASE_DIR / 'media'\nTEMPLATES = [{'DIRS': [BASE_DIR / 'media']}]\n",
    );
    await initGenerator(tree, base);
    expect(ignored()).not.toContain('static');
    expect(ignored()).not.toContain('media');
  });

  it('keeps collected files that are committed (a staticfiles.json manifest): they are what is served', async () => {
    settings("STATIC_ROOT = BASE_DIR / 'collected'\n");
    tree.write('apps/api/collected/staticfiles.json', '{"paths": {}}');
    await initGenerator(tree, base);
    expect(ignored()).not.toContain('collected');
  });

  it('keeps a MEDIA_ROOT folder git tracks, and leaves out one git ignores', async () => {
    settings("MEDIA_ROOT = BASE_DIR / 'media'\n");
    tree.write('apps/api/media/logo.png', 'png');
    await initGenerator(tree, base);
    expect(ignored()).not.toContain('media');
    tree.write('apps/api/.gitignore', 'media/\n');
    await initGenerator(tree, { ...base, overwrite: true });
    expect(ignored()).toContain('media');
  });
});
