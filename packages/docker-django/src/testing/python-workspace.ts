// The workspace the createDependencies specs build on disk, and the file maps Nx would pass.
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
  type CreateDependenciesContext,
  type FileData,
  type FileMap,
  type StaticDependency,
} from '@nx/devkit';

/**
 * Three Django apps and two libraries; `core` is shared by `shop` and `blog`.
 *
 * - shop: requirements.txt (`-e` core, `-r` an include outside requirements/ that references
 *   payments), plus references that must be ignored.
 * - blog: pyproject.toml with a uv workspace source naming core by its [project] name.
 * - admin: requirements/dev.txt written relative to the project root (as pip reads it) and a
 *   poetry path into a subfolder of payments.
 */
export const WORKSPACE_FILES: Record<string, string> = {
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

export const PROJECTS: Record<string, string> = {
  shop: 'apps/shop',
  blog: 'apps/blog',
  admin: 'apps/admin',
  core: 'libs/core',
  payments: 'libs/payments',
};

export const EXPECTED_EDGES: StaticDependency[] = [
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

export function createWorkspace(files: Record<string, string> = WORKSPACE_FILES): string {
  const root = mkdtempSync(join(tmpdir(), 'docker-django-graph-'));
  workspaces.push(root);
  for (const [file, content] of Object.entries(files)) {
    writeFile(root, file, content);
  }
  return root;
}

export function writeFile(root: string, file: string, content: string): void {
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
export function buildFileMap(
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

export function buildContext(
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

/** Removes the workspaces createWorkspace made; call from afterAll. */
export function removeWorkspaces(): void {
  for (const root of workspaces.splice(0)) {
    rmSync(root, { recursive: true, force: true });
  }
}
