import { type Tree } from '@nx/devkit';
import { parse } from 'yaml';
import { workspaceWithApi } from '../../testing/django-fixtures';
import { read } from '../../testing/tree-files';
import { syncGenerator } from '../sync/generator';
import { initGenerator } from './generator';

describe('init --registry: the build cache from the registry', () => {
  let tree: Tree;
  const base = { project: 'api', skipFormat: true, addPlugin: false };
  const compose = () => parse(read(tree, 'apps/api/compose.yaml'));

  beforeEach(() => {
    tree = workspaceWithApi('3.11');
  });

  it('takes the cache from the image compose-push sends, with the cache inlined in each build', async () => {
    await initGenerator(tree, { ...base, registry: 'registry.example.com/team/' });
    const { build } = compose().services.server;
    expect(build.cache_from).toEqual(['registry.example.com/team/api:latest']);
    expect(build.args).toEqual({ BUILDKIT_INLINE_CACHE: '1' });
    expect(compose()['x-docker-django'].registry).toBe('registry.example.com/team');
  });

  it("gives migrate no build of its own: it runs the server's image (one image, one cache)", async () => {
    await initGenerator(tree, { ...base, database: 'postgres', registry: '127.0.0.1:5000' });
    const { server, migrate } = compose().services;
    expect(server.build.cache_from).toEqual(['127.0.0.1:5000/api:latest']);
    expect(migrate.build).toBeUndefined();
    expect(migrate.image).toBe(server.image);
  });

  it('leaves the build section of a project without a registry as it was', async () => {
    await initGenerator(tree, base);
    expect(compose().services.server.build).toEqual({ context: '.' });
    expect(compose()['x-docker-django']).not.toHaveProperty('registry');
  });

  it('keeps the cache when nx sync re-renders the files', async () => {
    await initGenerator(tree, { ...base, registry: '127.0.0.1:5000' });
    const before = read(tree, 'apps/api/compose.yaml');
    await syncGenerator(tree);
    expect(read(tree, 'apps/api/compose.yaml')).toBe(before);
  });

  it('refuses an address with a scheme or credentials before writing anything', async () => {
    await expect(
      initGenerator(tree, { ...base, registry: 'https://u:pw@registry.example.com' }),
    ).rejects.toThrow('--registry');
    expect(tree.exists('apps/api/compose.yaml')).toBe(false);
  });
});
