import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CreateNodesContextV2 } from '@nx/devkit';
import * as djangoRoot from '../django/django-root';
import { normalizePluginOptions } from './plugin-options';
import * as syncAttachment from './sync-attachment';
import { createNodes, DOCKER_CONTEXT_INPUT, inferredCachePath } from './create-nodes';

describe('createNodes: inferred results cached on disk by a hash of their inputs', () => {
  let root: string;
  let context: CreateNodesContextV2;
  const [, createNodesFunction] = createNodes;
  const app = 'apps/cached';
  const composeFile = `${app}/compose.yaml`;

  function write(path: string, content = '') {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }

  /** A Django app with manage.py under src/, so that finding it takes a walk. */
  function djangoAppInSrc() {
    write(`${app}/project.json`, '{"name":"cached"}');
    write(
      `${app}/src/manage.py`,
      "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'x.settings')\n",
    );
    write(`${app}/Dockerfile`, 'FROM python:3.13-slim\n');
    write(`${app}/compose.yaml`, 'x-docker-django:\n  libraries: []\nservices: {}\n');
    write(`${app}/.dockerignore`, '**/.venv\n');
    write(`${app}/requirements.txt`, 'Django>=4.2\n');
  }

  async function infer(options = {}) {
    const results = await createNodesFunction([composeFile], options, context);
    return Object.fromEntries(results.map(([file, result]) => [file, result]));
  }

  const cacheFile = (options = {}) => inferredCachePath(root, normalizePluginOptions(options));

  /** Spies on what a hit must not redo: the walk for manage.py and reading the manifests' references. */
  function spyOnDerivation() {
    const walk = jest.spyOn(djangoRoot, 'findDjangoRoot');
    const sync = jest.spyOn(syncAttachment, 'needsSyncGenerator');
    return {
      calls: () => walk.mock.calls.length + sync.mock.calls.length,
      restore: () => {
        walk.mockRestore();
        sync.mockRestore();
      },
    };
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docker-django-nodes-cache-'));
    context = { workspaceRoot: root, nxJsonConfiguration: {} };
    djangoAppInSrc();
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes the cache file under the workspace data directory', async () => {
    await infer();
    expect(dirname(cacheFile())).toBe(join(root, '.nx', 'workspace-data'));
    expect(cacheFile()).toMatch(/docker-django-nodes-\w+\.json$/);
    expect(existsSync(cacheFile())).toBe(true);
  });

  it('answers an unchanged project from the file without walking for manage.py or reading its manifests', async () => {
    const first = await infer();
    const spy = spyOnDerivation();
    try {
      expect(await infer()).toEqual(first);
      expect(spy.calls()).toBe(0);
    } finally {
      spy.restore();
    }
  });

  it('keeps nothing in memory between runs: without the file the project is inferred again', async () => {
    await infer();
    rmSync(cacheFile());
    const spy = spyOnDerivation();
    try {
      await infer();
      expect(spy.calls()).toBeGreaterThan(0);
    } finally {
      spy.restore();
    }
  });

  it.each<[string, () => void]>([
    ['compose.yaml', () => write(`${app}/compose.yaml`, 'services:\n  web: {}\n')],
    ['.dockerignore', () => write(`${app}/.dockerignore`, '**/node_modules\n')],
    ['a new Dockerfile.dockerignore', () => write(`${app}/Dockerfile.dockerignore`, '*\n')],
    ['project.json', () => write(`${app}/project.json`, '{"name":"renamed"}')],
    ['a new pyproject.toml', () => write(`${app}/pyproject.toml`, '[project]\nname = "x"\n')],
    ['requirements.txt', () => write(`${app}/requirements.txt`, '-e ../../libs/x\n')],
    ['a new requirements/dev.txt', () => write(`${app}/requirements/dev.txt`, 'pytest\n')],
  ])('infers again when %s changes', async (_, change) => {
    await infer();
    change();
    const spy = spyOnDerivation();
    try {
      await infer();
      expect(spy.calls()).toBeGreaterThan(0);
    } finally {
      spy.restore();
    }
  });

  it('infers again, into its own file, when the plugin options change', async () => {
    await infer();
    const spy = spyOnDerivation();
    try {
      const results = await infer({ buildTargetName: 'image' });
      expect(spy.calls()).toBeGreaterThan(0);
      expect(Object.keys(results[composeFile].projects?.[app]?.targets ?? {})).toContain('image');
      expect(cacheFile({ buildTargetName: 'image' })).not.toBe(cacheFile());
    } finally {
      spy.restore();
    }
  });

  it('does not answer from the cache once manage.py is gone', async () => {
    await infer();
    rmSync(join(root, app, 'src/manage.py'));
    expect((await infer())[composeFile]).toEqual({});
  });

  it('derives the targets from the changed file, not the cached ones', async () => {
    await infer();
    write(`${app}/.dockerignore`, '**/node_modules\n');
    const inputs = (await infer())[composeFile].projects?.[app]?.namedInputs?.[
      DOCKER_CONTEXT_INPUT
    ];
    expect(inputs).toContain('!{projectRoot}/**/node_modules');
    expect(inputs).not.toContain('!{projectRoot}/**/.venv');
  });

  it('ignores a corrupt cache file and replaces it with a valid one', async () => {
    const first = await infer();
    writeFileSync(cacheFile(), '{"format":1,"entries":[["abc", nul');
    expect(await infer()).toEqual(first);
    expect(() => JSON.parse(readFileSync(cacheFile(), 'utf-8'))).not.toThrow();
  });

  it('honours NX_WORKSPACE_DATA_DIRECTORY, relative to the workspace root', async () => {
    const saved = process.env.NX_WORKSPACE_DATA_DIRECTORY;
    process.env.NX_WORKSPACE_DATA_DIRECTORY = 'elsewhere/data';
    try {
      await infer();
      expect(cacheFile()).toMatch(new RegExp(`^${root}/elsewhere/data/docker-django-nodes-`));
      expect(existsSync(cacheFile())).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.NX_WORKSPACE_DATA_DIRECTORY;
      else process.env.NX_WORKSPACE_DATA_DIRECTORY = saved;
    }
  });
});
