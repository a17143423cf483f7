import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import {
  DependencyType,
  logger,
  type CreateDependenciesContext,
  type FileData,
  type FileMap,
  type StaticDependency,
} from '@nx/devkit';
import { createDependencies } from './create-dependencies';

/**
 * Three Django apps and two libraries; `core` is shared by `shop` and `blog`.
 *
 * - shop: requirements.txt (`-e` core, `-r` an include outside requirements/ that references
 *   payments), plus references that must be ignored.
 * - blog: pyproject.toml with a uv workspace source naming core by its [project] name.
 * - admin: requirements/dev.txt written relative to the project root (as pip reads it) and a
 *   poetry path into a subfolder of payments.
 */
const WORKSPACE_FILES: Record<string, string> = {
  'apps/shop/project.json': '{}',
  'apps/shop/manage.py': 'print("shop")\n',
  'apps/shop/requirements.txt': [
    'django>=5.0,<6',
    '-r deploy/extra.txt',
    '-e ../../libs/core[admin]  # shared models',
    '-e .',
    '../../tools/scripts',
    '/elsewhere/outside',
    '-e ../../../outside-the-workspace',
  ].join('\n'),
  'apps/shop/deploy/extra.txt': 'payments @ file:../../libs/payments\n',
  'apps/blog/project.json': '{}',
  'apps/blog/manage.py': 'print("blog")\n',
  'apps/blog/pyproject.toml': [
    '[project]',
    'name = "blog"',
    'dependencies = ["django>=5", "core-lib"]',
    '',
    '[tool.uv.sources]',
    'core-lib = { workspace = true }',
  ].join('\n'),
  'apps/admin/project.json': '{}',
  'apps/admin/manage.py': 'print("admin")\n',
  'apps/admin/requirements/dev.txt': '-r base.txt\npytest\n',
  'apps/admin/requirements/base.txt': '-e ../../libs/core\n',
  'apps/admin/pyproject.toml': [
    '[tool.poetry.dependencies]',
    'python = "^3.12"',
    'payments = { path = "../../libs/payments/src", develop = true }',
  ].join('\n'),
  'libs/core/project.json': '{}',
  'libs/core/pyproject.toml': '[project]\nname = "Core_Lib"\ndependencies = ["django>=5"]\n',
  'libs/core/core/__init__.py': '',
  'libs/payments/project.json': '{}',
  'libs/payments/src/payments/__init__.py': '',
  'tools/scripts/run.py': 'print("not a project")\n',
};

const PROJECTS: Record<string, string> = {
  shop: 'apps/shop',
  blog: 'apps/blog',
  admin: 'apps/admin',
  core: 'libs/core',
  payments: 'libs/payments',
};

const EXPECTED_EDGES: StaticDependency[] = [
  {
    source: 'admin',
    target: 'core',
    sourceFile: 'apps/admin/requirements/base.txt',
    type: DependencyType.static,
  },
  {
    source: 'admin',
    target: 'payments',
    sourceFile: 'apps/admin/pyproject.toml',
    type: DependencyType.static,
  },
  {
    source: 'blog',
    target: 'core',
    sourceFile: 'apps/blog/pyproject.toml',
    type: DependencyType.static,
  },
  {
    source: 'shop',
    target: 'core',
    sourceFile: 'apps/shop/requirements.txt',
    type: DependencyType.static,
  },
  {
    source: 'shop',
    target: 'payments',
    sourceFile: 'apps/shop/deploy/extra.txt',
    type: DependencyType.static,
  },
];

const workspaces: string[] = [];

function createWorkspace(files: Record<string, string> = WORKSPACE_FILES): string {
  const root = mkdtempSync(join(tmpdir(), 'docker-django-graph-'));
  workspaces.push(root);
  for (const [file, content] of Object.entries(files)) {
    writeFile(root, file, content);
  }
  return root;
}

function writeFile(root: string, file: string, content: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
}

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory()
      ? listFiles(root, full)
      : [relative(root, full).split('\\').join('/')];
  });
}

/** The file map Nx would build: each file in the project with the longest root holding it. */
function buildFileMap(
  root: string,
  projects: Record<string, string>,
  skip: string[] = [],
): FileMap {
  const projectFileMap: Record<string, FileData[]> = Object.fromEntries(
    Object.keys(projects).map((p) => [p, []]),
  );
  const nonProjectFiles: FileData[] = [];
  const depth = (projectRoot: string) => (projectRoot === '.' ? 0 : projectRoot.split('/').length);
  const byDepth = Object.entries(projects).sort(([, a], [, b]) => depth(b) - depth(a));
  for (const file of listFiles(root).sort()) {
    if (skip.includes(file)) {
      continue;
    }
    const data = {
      file,
      hash: createHash('sha1')
        .update(readFileSync(join(root, file)))
        .digest('hex'),
    };
    const owner = byDepth.find(
      ([, projectRoot]) => projectRoot === '.' || file.startsWith(`${projectRoot}/`),
    );
    (owner ? projectFileMap[owner[0]] : nonProjectFiles).push(data);
  }
  return { projectFileMap, nonProjectFiles };
}

function buildContext(
  root: string,
  options: {
    projects?: Record<string, string>;
    fileMap?: FileMap;
    /** Changed files per project; the whole file map when omitted (a cold graph). */
    changed?: Record<string, string[]>;
  } = {},
): CreateDependenciesContext {
  const projects = options.projects ?? PROJECTS;
  const fileMap = options.fileMap ?? buildFileMap(root, projects);
  const filesToProcess: FileMap = options.changed
    ? {
        nonProjectFiles: [],
        projectFileMap: Object.fromEntries(
          Object.entries(options.changed).map(([project, files]) => [
            project,
            fileMap.projectFileMap[project].filter((f) => files.includes(f.file)),
          ]),
        ),
      }
    : fileMap;
  return {
    projects: Object.fromEntries(
      Object.entries(projects).map(([name, projectRoot]) => [name, { root: projectRoot }]),
    ),
    workspaceRoot: root,
    fileMap,
    filesToProcess,
    nxJsonConfiguration: {},
    externalNodes: {},
  };
}

afterAll(() => {
  for (const root of workspaces) {
    rmSync(root, { recursive: true, force: true });
  }
});

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
        'apps/admin/pyproject.toml': '[tool.poetry.dependencies\n',
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
  });

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
