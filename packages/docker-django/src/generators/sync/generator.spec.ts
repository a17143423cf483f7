import type { Tree } from '@nx/devkit';
import { parse } from 'yaml';
import { workspaceWithApi } from '../../testing/django-fixtures';
import { initGenerator } from '../init/generator';
import { syncGenerator } from './generator';

describe('sync generator', () => {
  let tree: Tree;

  beforeEach(async () => {
    tree = workspaceWithApi('3.11');
    tree.write('libs/shared/project.json', JSON.stringify({ name: 'shared', root: 'libs/shared' }));
    tree.write('libs/shared/pyproject.toml', '[project]\nname = "shared"\n');
    await initGenerator(tree, { project: 'api', skipFormat: true });
  });

  const read = (path: string) => tree.read(path, 'utf-8') ?? '';
  const useSharedLibrary = () =>
    tree.write(
      'apps/api/requirements.txt',
      `${read('apps/api/requirements.txt')}-e ../../libs/shared\n`,
    );

  it('changes nothing while the libraries are unchanged', async () => {
    const dockerfile = read('apps/api/Dockerfile');
    const compose = read('apps/api/compose.yaml');
    await syncGenerator(tree);
    expect(read('apps/api/Dockerfile')).toBe(dockerfile);
    expect(read('apps/api/compose.yaml')).toBe(compose);
  });

  it('moves the build context to the workspace root when the app starts installing a library', async () => {
    useSharedLibrary();
    await syncGenerator(tree);
    const compose = parse(read('apps/api/compose.yaml'));
    expect(compose.services.server.build).toEqual({
      context: '../..',
      dockerfile: 'apps/api/Dockerfile',
    });
    expect(compose['x-docker-django'].libraries).toEqual(['libs/shared']);
    expect(read('apps/api/Dockerfile')).toContain('COPY libs/shared /workspace/libs/shared\n');
    expect(read('apps/api/Dockerfile.dockerignore')).toContain('!libs/shared\n');
    expect(tree.exists('apps/api/.dockerignore')).toBe(false);
  });

  it('keeps the options the app was generated with', async () => {
    await initGenerator(tree, { project: 'api', skipFormat: true, port: 9000, overwrite: true });
    useSharedLibrary();
    await syncGenerator(tree);
    expect(read('apps/api/Dockerfile')).toContain('EXPOSE 9000\n');
    expect(read('apps/api/Dockerfile')).toContain('ARG PYTHON_VERSION=3.11\n');
  });

  it('goes back to the app folder as context when the library is dropped', async () => {
    const original = read('apps/api/Dockerfile');
    useSharedLibrary();
    await syncGenerator(tree);
    tree.write(
      'apps/api/requirements.txt',
      read('apps/api/requirements.txt').replace('-e ../../libs/shared\n', ''),
    );
    await syncGenerator(tree);
    expect(read('apps/api/Dockerfile')).toBe(original);
    expect(parse(read('apps/api/compose.yaml')).services.server.build).toEqual({ context: '.' });
    expect(tree.exists('apps/api/.dockerignore')).toBe(true);
    expect(tree.exists('apps/api/Dockerfile.dockerignore')).toBe(false);
  });

  it('leaves every file alone when one of them was edited, and says which', async () => {
    tree.write('apps/api/Dockerfile', `${read('apps/api/Dockerfile')}# mine\n`);
    const compose = read('apps/api/compose.yaml');
    useSharedLibrary();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await syncGenerator(tree);
    expect(warn.mock.calls.flat().join('\n')).toContain('apps/api/Dockerfile');
    warn.mockRestore();
    expect(read('apps/api/compose.yaml')).toBe(compose);
    expect(read('apps/api/Dockerfile')).toMatch(/# mine\n$/);
  });

  it('passes over a compose.yaml the generator did not write', async () => {
    tree.write('apps/api/compose.yaml', 'services:\n  web:\n    image: nginx\n');
    useSharedLibrary();
    await syncGenerator(tree);
    expect(read('apps/api/compose.yaml')).toBe('services:\n  web:\n    image: nginx\n');
  });

  describe('with a PostgreSQL database', () => {
    const postgres = { project: 'api', skipFormat: true, database: 'postgres' as const };

    it('keeps the recorded major when it re-renders for a new library', async () => {
      await initGenerator(tree, { ...postgres, postgresVersion: 16, overwrite: true });
      useSharedLibrary();
      await syncGenerator(tree);
      const compose = parse(read('apps/api/compose.yaml'));
      expect(compose.services.server.build.context).toBe('../..');
      expect(compose.services.db.image).toBe('postgres:16');
      expect(compose.services.db.volumes).toEqual(['db-data:/var/lib/postgresql/data']);
    });

    it('does not rewrite the db layout of a record without postgresVersion, and says how to upgrade', async () => {
      await initGenerator(tree, { ...postgres, postgresVersion: 17, overwrite: true });
      // What the plugin wrote before the option existed.
      tree.write(
        'apps/api/compose.yaml',
        read('apps/api/compose.yaml')
          .replace('image: postgres:17', 'image: postgres')
          .replace(/\n {2}postgresVersion: 17/, ''),
      );
      const compose = read('apps/api/compose.yaml');
      const dockerfile = read('apps/api/Dockerfile');
      useSharedLibrary();
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      await syncGenerator(tree);
      const message = warn.mock.calls.flat().join('\n');
      warn.mockRestore();
      expect(read('apps/api/compose.yaml')).toBe(compose);
      expect(read('apps/api/Dockerfile')).toBe(dockerfile);
      expect(message).toContain('runs image postgres (major not recorded)');
      expect(message).toContain('/var/lib/postgresql/data/PG_VERSION');
    });
  });
});
