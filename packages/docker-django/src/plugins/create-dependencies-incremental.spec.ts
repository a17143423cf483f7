import { DependencyType } from '@nx/devkit';
import { createDependencies } from './create-dependencies';
import {
  buildContext,
  buildFileMap,
  createWorkspace,
  EXPECTED_EDGES,
  PROJECTS,
  removeWorkspaces,
  writeFile,
} from '../testing/python-workspace';

afterAll(removeWorkspaces);

describe('createDependencies', () => {
  describe('a warm graph (only changed files to process)', () => {
    it('returns nothing when no manifest changed', async () => {
      const root = createWorkspace();
      const changed = { shop: ['apps/shop/manage.py'], core: ['libs/core/core/__init__.py'] };

      expect(await createDependencies(undefined, buildContext(root, { changed }))).toEqual([]);
    });

    it('re-reads only the projects whose manifests changed, and returns all of their edges', async () => {
      const root = createWorkspace();
      const changed = {
        shop: ['apps/shop/requirements.txt', 'apps/shop/manage.py'],
        core: ['libs/core/core/__init__.py'],
      };

      const edges = await createDependencies(undefined, buildContext(root, { changed }));

      expect(edges).toEqual(EXPECTED_EDGES.filter((e) => e.source === 'shop'));
    });

    it('re-reads a project when a file it includes with -r changed', async () => {
      const root = createWorkspace();
      const changed = { shop: ['apps/shop/deploy/extra.txt'] };

      const edges = await createDependencies(undefined, buildContext(root, { changed }));

      expect(edges).toEqual(EXPECTED_EDGES.filter((e) => e.source === 'shop'));
    });

    it('resolves uv workspace members from unchanged projects', async () => {
      const root = createWorkspace();
      const changed = { blog: ['apps/blog/pyproject.toml'] };

      const edges = await createDependencies(undefined, buildContext(root, { changed }));

      expect(edges).toEqual([
        {
          source: 'blog',
          target: 'core',
          sourceFile: 'apps/blog/pyproject.toml',
          type: DependencyType.static,
        },
      ]);
    });

    it('re-reads a newly added project (all of its files are to process)', async () => {
      const root = createWorkspace();
      const fileMap = buildFileMap(root, PROJECTS);

      const edges = await createDependencies(
        undefined,
        buildContext(root, {
          fileMap,
          changed: { admin: fileMap.projectFileMap.admin.map((f) => f.file) },
        }),
      );

      expect(edges).toEqual(EXPECTED_EDGES.filter((e) => e.source === 'admin'));
    });
  });

  describe('the parse cache', () => {
    it('reuses a parsed manifest while the file map reports the same hash', async () => {
      const root = createWorkspace();
      const fileMap = buildFileMap(root, PROJECTS);
      await createDependencies(undefined, buildContext(root, { fileMap }));
      // Same hash in the file map, different text on disk: only a cache hit keeps the old edge.
      writeFile(root, 'apps/shop/requirements.txt', 'django\n');

      const edges = await createDependencies(undefined, buildContext(root, { fileMap }));

      expect(edges).toEqual(EXPECTED_EDGES);
    });

    it('re-reads a manifest whose hash changed', async () => {
      const root = createWorkspace();
      await createDependencies(undefined, buildContext(root));
      writeFile(root, 'apps/shop/requirements.txt', 'django\n');

      const edges = await createDependencies(undefined, buildContext(root));

      // deploy/extra.txt was only reachable through requirements.txt's -r line.
      expect(edges).toEqual(EXPECTED_EDGES.filter((e) => e.source !== 'shop'));
    });

    it('does not cache files the file map gives no hash for', async () => {
      const root = createWorkspace();
      const fileMap = buildFileMap(root, PROJECTS);
      for (const files of Object.values(fileMap.projectFileMap)) {
        files.forEach((f) => (f.hash = ''));
      }
      await createDependencies(undefined, buildContext(root, { fileMap }));
      writeFile(root, 'apps/shop/requirements.txt', 'django\n');

      const edges = await createDependencies(undefined, buildContext(root, { fileMap }));

      // deploy/extra.txt was only reachable through requirements.txt's -r line.
      expect(edges).toEqual(EXPECTED_EDGES.filter((e) => e.source !== 'shop'));
    });
  });
});
