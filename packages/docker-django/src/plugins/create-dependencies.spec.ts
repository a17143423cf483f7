import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DependencyType } from '@nx/devkit';
import { logger } from '../nx/log';
import { createDependencies } from './create-dependencies';
import {
  buildContext,
  buildFileMap,
  createWorkspace,
  EXPECTED_EDGES,
  PROJECTS,
  removeWorkspaces,
  WORKSPACE_FILES,
} from '../testing/python-workspace';

afterAll(removeWorkspaces);

describe('createDependencies', () => {
  describe('a cold graph (every file to process)', () => {
    it('emits one static edge per app and library it references, with the declaring file', async () => {
      const root = createWorkspace();

      expect(await createDependencies(undefined, buildContext(root))).toEqual(EXPECTED_EDGES);
    });

    it('makes a library shared by two apps a dependency of both', async () => {
      const root = createWorkspace();

      const edges = await createDependencies(undefined, buildContext(root));

      expect(edges.filter((e) => e.target === 'core').map((e) => e.source)).toEqual([
        'admin',
        'blog',
        'shop',
      ]);
    });

    it('emits nothing for self references, non-project folders or paths outside the workspace', async () => {
      const root = createWorkspace();

      const edges = await createDependencies(undefined, buildContext(root));

      expect(edges.filter((e) => e.source === e.target)).toEqual([]);
      expect(edges.map((e) => e.target).sort()).toEqual([
        'core',
        'core',
        'core',
        'payments',
        'payments',
      ]);
    });

    it('attributes each edge once per declaring file, even when the file repeats the reference', async () => {
      const root = createWorkspace({
        ...WORKSPACE_FILES,
        'apps/shop/requirements.txt':
          '-e ../../libs/core\n../../libs/core\ncore @ file:../../libs/core/core\n',
        'apps/shop/requirements-dev.txt': '-e ../../libs/core\n',
      });

      const edges = await createDependencies(undefined, buildContext(root));

      expect(edges.filter((e) => e.source === 'shop')).toEqual([
        {
          source: 'shop',
          target: 'core',
          sourceFile: 'apps/shop/requirements-dev.txt',
          type: DependencyType.static,
        },
        {
          source: 'shop',
          target: 'core',
          sourceFile: 'apps/shop/requirements.txt',
          type: DependencyType.static,
        },
      ]);
    });

    it('maps a path to the project with the longest root holding it', async () => {
      const root = createWorkspace({
        ...WORKSPACE_FILES,
        'libs/core/contrib/project.json': '{}',
        'apps/shop/requirements.txt': '-e ../../libs/core/contrib/src\n-e ../../libs/core/core\n',
      });
      const projects = { ...PROJECTS, 'core-contrib': 'libs/core/contrib' };

      const edges = await createDependencies(undefined, buildContext(root, { projects }));

      expect(edges.filter((e) => e.source === 'shop').map((e) => e.target)).toEqual([
        'core',
        'core-contrib',
      ]);
    });

    it('resolves a requirements/ path from the manifest folder when the project root misses', async () => {
      const root = createWorkspace({
        ...WORKSPACE_FILES,
        'apps/admin/requirements/base.txt': '-e ../../../libs/core\n',
      });

      const edges = await createDependencies(undefined, buildContext(root));

      expect(edges).toContainEqual({
        source: 'admin',
        target: 'core',
        sourceFile: 'apps/admin/requirements/base.txt',
        type: DependencyType.static,
      });
    });

    it('links a uv workspace source to every project declaring that name', async () => {
      const root = createWorkspace({
        ...WORKSPACE_FILES,
        'libs/payments/pyproject.toml': '[project]\nname = "core.lib"\n',
      });

      const edges = await createDependencies(undefined, buildContext(root));

      expect(edges.filter((e) => e.source === 'blog').map((e) => e.target)).toEqual([
        'core',
        'payments',
      ]);
    });

    it('ignores a uv workspace source that no project declares', async () => {
      const root = createWorkspace({
        ...WORKSPACE_FILES,
        'libs/core/pyproject.toml': '[project]\nname = "something-else"\n',
      });

      const edges = await createDependencies(undefined, buildContext(root));

      expect(edges.filter((e) => e.source === 'blog')).toEqual([]);
    });

    it('reads manifests of a project at the workspace root, and edges into it from nested projects', async () => {
      const root = createWorkspace({
        'project.json': '{}',
        'requirements.txt': '-e libs/core\n',
        'libs/core/project.json': '{}',
        'libs/core/requirements.txt': '-e ../../tools\n',
        'tools/run.py': '',
      });
      const projects = { workspace: '.', core: 'libs/core' };

      const edges = await createDependencies(undefined, buildContext(root, { projects }));

      expect(edges).toEqual([
        {
          source: 'core',
          target: 'workspace',
          sourceFile: 'libs/core/requirements.txt',
          type: DependencyType.static,
        },
        {
          source: 'workspace',
          target: 'core',
          sourceFile: 'requirements.txt',
          type: DependencyType.static,
        },
      ]);
    });

    it('returns no edges for a workspace without Python manifests', async () => {
      const root = createWorkspace({ 'apps/web/project.json': '{}', 'apps/web/main.ts': '' });

      expect(
        await createDependencies(undefined, buildContext(root, { projects: { web: 'apps/web' } })),
      ).toEqual([]);
    });
  });

  describe('files that cannot be used', () => {
    afterEach(() => jest.restoreAllMocks());

    it('skips a manifest that is in the file map but no longer on disk', async () => {
      const root = createWorkspace();
      const fileMap = buildFileMap(root, PROJECTS);
      rmSync(join(root, 'apps/shop/requirements.txt'));

      const edges = await createDependencies(undefined, buildContext(root, { fileMap }));

      // deploy/extra.txt was only reachable through requirements.txt's -r line.
      expect(edges).toEqual(EXPECTED_EDGES.filter((e) => e.source !== 'shop'));
    });

    it('does not read a manifest that is not in the file map (ignored by git or .nxignore)', async () => {
      const root = createWorkspace();
      const fileMap = buildFileMap(root, PROJECTS, ['apps/blog/pyproject.toml']);

      const edges = await createDependencies(undefined, buildContext(root, { fileMap }));

      expect(edges).toEqual(EXPECTED_EDGES.filter((e) => e.source !== 'blog'));
    });

    it('does not follow a -r include that is outside the project', async () => {
      const root = createWorkspace({
        ...WORKSPACE_FILES,
        'apps/shop/requirements.txt': '-r ../../shared/requirements.txt\n',
        'shared/requirements.txt': '-e ../libs/core\n',
      });

      const edges = await createDependencies(undefined, buildContext(root));

      expect(edges.filter((e) => e.source === 'shop')).toEqual([]);
    });

    it('survives -r include cycles', async () => {
      const root = createWorkspace({
        ...WORKSPACE_FILES,
        'apps/shop/requirements.txt': '-r requirements/a.txt\n',
        'apps/shop/requirements/a.txt': '-r b.txt\n-e ../../libs/core\n',
        'apps/shop/requirements/b.txt': '-r a.txt\n-r ../requirements.txt\n',
      });

      const edges = await createDependencies(undefined, buildContext(root));

      expect(edges.filter((e) => e.source === 'shop')).toEqual([
        {
          source: 'shop',
          target: 'core',
          sourceFile: 'apps/shop/requirements/a.txt',
          type: DependencyType.static,
        },
      ]);
    });

    it('warns about a pyproject.toml that is not valid TOML and keeps the other edges', async () => {
      const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
      const root = createWorkspace({
        ...WORKSPACE_FILES,
        'apps/admin/pyproject.toml':
          '[tool.poetry.dependencies\ncore = { path = "../../libs/core" }\n',
      });

      const edges = await createDependencies(undefined, buildContext(root));

      expect(edges).toEqual(
        EXPECTED_EDGES.filter((e) => e.sourceFile !== 'apps/admin/pyproject.toml'),
      );
      expect(warn).toHaveBeenCalledTimes(1);
      // The reason's wording is the TOML parser's; the file, the project, the line and the fix are ours.
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(
          new RegExp(
            /^\[docker-django\] Ignoring "apps\/admin\/pyproject\.toml" of project /.source +
              /"admin" in the project graph: it is not valid TOML \(line 1: \S.*\)\. Fix /.source +
              /the file so its local dependencies are tracked\.$/.source,
          ),
        ),
      );
    });

    it('still reads a reference spelled with TOML escapes ("pa\\u0074h", "file\\u003a")', async () => {
      const root = createWorkspace({
        ...WORKSPACE_FILES,
        'apps/admin/pyproject.toml':
          '[project]\nname = "admin"\ndependencies = ["core @ \\u0066ile\\u003a../../libs/core"]\n' +
          '[tool.poetry.dependencies]\npayments = { "pa\\u0074h" = "../../libs/payments" }\n',
      });

      const edges = await createDependencies(undefined, buildContext(root));

      const fromPyproject = edges.filter(
        (e) => 'sourceFile' in e && e.sourceFile === 'apps/admin/pyproject.toml',
      );
      expect(fromPyproject.map((e) => e.target)).toEqual(['core', 'payments']);
    });
  });
});
