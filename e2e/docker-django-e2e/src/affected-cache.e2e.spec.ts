import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { largestContextTransfer } from '../../../tools/testing/buildkit';
import { ComposeProjects, composeProjectOf } from '../../../tools/testing/compose';
import { docker } from '../../../tools/testing/engine';
import { cleanEnv } from '../../../tools/testing/env';
import { imageId, removeImageTags, tagsOfImage } from '../../../tools/testing/images';
import { log } from '../../../tools/testing/log';
import { freePort, waitForHttp, type HttpAnswer } from '../../../tools/testing/net';
import { selectedNxVersions } from '../../../tools/testing/nx-versions';
import type { NxProjectOnDisk } from '../../../tools/testing/projects';
import { describeFailure, tail, type RunResult } from '../../../tools/testing/run';
import { timed } from '../../../tools/testing/timing';
import type { TestWorkspace } from '../../../tools/testing/workspace';
import {
  cacheSummary,
  commit,
  createDjangoApp,
  createPythonLibrary,
  git,
  runId,
  runNoInput,
  taskCacheNote,
  taskOutputs,
} from './utils/affected-workspace';
import { PYTHON_VERSION } from './utils/base-images';
import { expectExitCode } from './utils/expect-exit-code';
import {
  assertBaseImages,
  createPluginWorkspace,
  initGeneratorArgs,
} from './utils/plugin-workspace';

// The graph edges, affected sets and build skipping under test come from the plugin, not from
// the Nx train, and every run builds several images: one train (the first selected) is enough.
// init.e2e.spec.ts covers both trains.
const NX_VERSION = selectedNxVersions()[0];
const TARGET = 'compose-build';
// Every task's output in a block of its own; Nx 23 otherwise hides the output of tasks that
// succeed in run-many and affected.
const OUTPUT_STYLE = '--outputStyle=static';

const SKIP_MESSAGE = /already built from these inputs \([^)]*\); skipped the build/;
// The executor logs the exact compose command before it runs it.
const BUILD_LINE = /^\[docker-django\] docker compose .*\bbuild\b/m;

type App = 'a' | 'b' | 'c' | 'd';
const APPS: readonly App[] = ['a', 'b', 'c', 'd'];

/** JSON an nx command prints on stdout, tolerating any notice before it. */
function parseJson<T>(result: RunResult, opening: '{' | '['): T {
  const start = result.stdout.indexOf(opening);
  if (result.exitCode !== 0 || start < 0) throw new Error(describeFailure(result, 'nx failed'));
  return JSON.parse(result.stdout.slice(start)) as T;
}

/** `docker run` of an app image with python as entrypoint, no network, removed afterwards. */
function runPython(image: string, code: string): Promise<RunResult> {
  return docker(['run', '--rm', '--network', 'none', '--entrypoint', 'python', image, '-c', code]);
}

/**
 * `docker rmi -f <id>` of the image `reference` names: the tags it had, and those of them the
 * engine still answers for afterwards (none when the removal worked).
 */
async function deleteImage(reference: string): Promise<{ removed: string[]; left: string[] }> {
  const id = await imageId(reference);
  if (id === null) throw new Error(`${reference} is not in the engine before docker rmi.`);
  const removed = await tagsOfImage(id);
  const result = await docker(['rmi', '-f', id]);
  if (result.exitCode !== 0) throw new Error(describeFailure(result, 'docker rmi -f failed'));
  const left: string[] = [];
  for (const tag of removed) if ((await imageId(tag)) !== null) left.push(tag);
  return { removed, left };
}

const composeProjects = new ComposeProjects();

describe(`nx affected and build skipping in a create-nx-workspace@${NX_VERSION} workspace of Django apps and Python libraries`, () => {
  let ws: TestWorkspace | undefined;
  /** Nx project name of each app. */
  const name = {} as Record<App, string>;
  /** The compose project init recorded for each app (images are named after the app). */
  const stack = {} as Record<App, string>;
  const project = {} as Record<App, NxProjectOnDisk>;
  const hostPort = {} as Record<App, number>;
  // Libraries keep plain names: they are only projects of this workspace, never images.
  const SHARED = 'shared';
  const OTHER = 'other';

  function workspace(): TestWorkspace {
    if (!ws)
      throw new Error(`The Nx ${NX_VERSION} workspace was not set up (see the first failure).`);
    return ws;
  }

  // Nx's task cache on, as users have it (the harness's cleanEnv turns it off): what is under
  // test is that its hits are truthful.
  function nx(
    args: readonly string[],
    env: Record<string, string> = {},
    timeout = 9 * 60 * 1000,
  ): Promise<RunResult> {
    return workspace().nx(args, { timeout, env: { NX_SKIP_NX_CACHE: undefined, ...env } });
  }

  async function nxOrThrow(args: readonly string[], what: string): Promise<RunResult> {
    const result = await nx(args);
    if (result.exitCode !== 0) throw new Error(describeFailure(result, what));
    return result;
  }

  /** Which app each project name is, for reading Nx's per-task output. */
  function appOf(projectName: string): string {
    return (Object.keys(name) as App[]).find((app) => name[app] === projectName) ?? projectName;
  }

  /** The apps whose compose-build task ran in this output, as letters, sorted. */
  function appsThatRan(result: RunResult): string[] {
    return [...taskOutputs(result.output, TARGET).keys()].map(appOf).sort();
  }

  function taskOutput(result: RunResult, app: App): string {
    const section = taskOutputs(result.output, TARGET).get(name[app]);
    if (section === undefined)
      throw new Error(
        `No "nx run ${name[app]}:${TARGET}" task in the output of \`${result.command}\`:\n${tail(result.output, 6000)}`,
      );
    return section;
  }

  /** Appends a line to libs/shared and commits it; returns the commit before it. */
  async function commitSharedChange(label: string): Promise<string> {
    const root = workspace().root;
    const base = await git(root, ['rev-parse', 'HEAD']);
    appendFileSync(join(root, 'libs', SHARED, SHARED, '__init__.py'), `CHANGE = "${label}"\n`);
    await commit(root, [`libs/${SHARED}`], `shared: ${label}`);
    return base;
  }

  beforeAll(async () => {
    await assertBaseImages();
    ws = await createPluginWorkspace(NX_VERSION);
    const id = runId();
    for (const app of APPS) {
      name[app] = `aff${id}-${app}`;
      hostPort[app] = await freePort();
    }
    log(`affected-cache: apps ${Object.values(name).join(', ')} in ${ws.root}`);

    const setupStarted = Date.now();
    createPythonLibrary(ws.root, SHARED);
    createPythonLibrary(ws.root, OTHER);
    const requirementsWithShared = `Django>=4.2,<5\ngunicorn\n-e ../../libs/${SHARED}\n`;
    project.a = await createDjangoApp(ws.root, name.a, 'apps/a', {
      'requirements.txt': requirementsWithShared,
    });
    project.b = await createDjangoApp(ws.root, name.b, 'apps/b', {
      'requirements.txt': requirementsWithShared,
    });
    // uv's form: the library is a path source of a dependency group. pip (the image's
    // installer for a plain pyproject.toml) installs only [project] dependencies, which the
    // offline stand-in image has; the library reaches the image as a copied folder.
    project.c = await createDjangoApp(ws.root, name.c, 'apps/c', {
      'pyproject.toml': [
        '[project]',
        'name = "c-app"',
        'version = "0.1.0"',
        'dependencies = ["Django>=4.2,<5", "gunicorn"]',
        '',
        '[dependency-groups]',
        `dev = ["${OTHER}"]`,
        '',
        '[tool.uv.sources]',
        `${OTHER} = { path = "../../libs/${OTHER}", editable = true }`,
        '',
      ].join('\n'),
    });
    project.d = await createDjangoApp(ws.root, name.d, 'apps/d', {
      'requirements.txt': 'Django>=4.2,<5\ngunicorn\n',
    });

    for (const app of APPS) {
      await nxOrThrow(
        initGeneratorArgs(
          name[app],
          '--pythonVersion',
          PYTHON_VERSION,
          '--hostPort',
          String(hostPort[app]),
        ),
        `nx g docker-django:init --project ${name[app]} failed`,
      );
      stack[app] = composeProjects.track(
        composeProjectOf(join(project[app].path, 'compose.yaml'), name[app]),
      );
    }

    await git(ws.root, ['init', '--quiet', '--initial-branch=main']);
    await commit(ws.root, ['.'], 'initial');
    log(
      `affected-cache: apps, libraries, init and git: ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`,
    );

    // What a developer's app folder holds and Docker must never be sent: written after the
    // commit and never staged (the workspace's .gitignore, as create-nx-workspace made it,
    // lists node_modules but not .venv, so Nx still sees the .venv).
    const venvFile = join(
      project.a.path,
      '.venv',
      'lib',
      'python3.11',
      'site-packages',
      'blob.bin',
    );
    mkdirSync(dirname(venvFile), { recursive: true });
    writeFileSync(venvFile, randomBytes(50 * 1024 * 1024));
    const nodeModulesFile = join(project.a.path, 'node_modules', 'big', 'index.js');
    mkdirSync(dirname(nodeModulesFile), { recursive: true });
    writeFileSync(nodeModulesFile, `// ${randomBytes(5 * 1024 * 1024).toString('hex')}\n`);
  });

  // Each step runs even when the one before it throws.
  afterAll(async () => {
    try {
      await composeProjects.downAll();
    } finally {
      try {
        await removeImageTags(Object.values(name));
      } finally {
        ws?.dispose();
      }
    }
  });

  describe('nx graph --file', () => {
    let edges: string[];

    beforeAll(async () => {
      await nxOrThrow(['graph', '--file=tmp/affected-graph.json'], 'nx graph --file failed');
      const graph = JSON.parse(
        readFileSync(join(workspace().root, 'tmp', 'affected-graph.json'), 'utf-8'),
      ) as {
        graph: {
          dependencies: Record<string, Array<{ source: string; target: string; type: string }>>;
        };
      };
      const ours = new Set([...Object.values(name), SHARED, OTHER]);
      edges = Object.values(graph.graph.dependencies)
        .flat()
        .filter((edge) => ours.has(edge.source) && ours.has(edge.target))
        .map((edge) => `${appOf(edge.source)} -> ${appOf(edge.target)} (${edge.type})`)
        .sort();
    });

    it('has exactly the static edges a -> shared, b -> shared, c -> other between the apps and libraries', () => {
      expect(edges).toEqual([
        `a -> ${SHARED} (static)`,
        `b -> ${SHARED} (static)`,
        `c -> ${OTHER} (static)`,
      ]);
    });
  });

  describe('nx show project a --json', () => {
    interface ShownTarget {
      cache?: boolean;
      inputs?: unknown[];
      metadata?: { technologies?: string[]; dockerDjangoImages?: string[] };
    }
    let targets: Record<string, ShownTarget>;

    beforeAll(async () => {
      const shown = parseJson<{ targets?: Record<string, ShownTarget> }>(
        await nx(['show', 'project', name.a, '--json']),
        '{',
      );
      targets = shown.targets ?? {};
    });

    it('has the inferred targets compose-build, compose-up and compose-down', () => {
      expect(Object.keys(targets)).toEqual(
        expect.arrayContaining(['compose-build', 'compose-up', 'compose-down']),
      );
    });

    it("compose-build is cached by Nx, its hasher told which image of a's to ask the engine about", () => {
      expect(targets['compose-build']?.cache).toBe(true);
      expect(targets['compose-build']?.metadata?.dockerDjangoImages).toEqual([`${name.a}:latest`]);
      expect(
        targets['compose-build']?.inputs?.some(
          (input) => typeof input === 'object' && input !== null && 'runtime' in input,
        ),
      ).toBe(false);
    });

    it('compose-build takes the files of the libraries it depends on as inputs (^{projectRoot}/**/*)', () => {
      expect(targets['compose-build']?.inputs).toContain('^{projectRoot}/**/*');
    });

    it('compose-build names docker among its technologies', () => {
      expect(targets['compose-build']?.metadata?.technologies).toContain('docker');
    });
  });

  describe('a committed change to libs/shared', () => {
    let affected: string[];

    beforeAll(async () => {
      const base = await commitSharedChange('for nx show projects --affected');
      const all = parseJson<string[]>(
        await nx(['show', 'projects', '--affected', `--base=${base}`, '--head=HEAD', '--json']),
        '[',
      );
      const ours = new Set([...Object.values(name), SHARED, OTHER]);
      affected = all
        .filter((p) => ours.has(p))
        .map(appOf)
        .sort();
    });

    it('nx show projects --affected is exactly a, b and shared', () => {
      expect(affected).toEqual(['a', 'b', SHARED].sort());
    });
  });

  describe('nx run-many -t compose-build (first build)', () => {
    let result: RunResult;

    beforeAll(async () => {
      result = await timed('affected-cache: first nx run-many -t compose-build', () =>
        nx(['run-many', '-t', TARGET, OUTPUT_STYLE]),
      );
    });

    it('exits 0', () => {
      expectExitCode(result, 0);
    });

    it('runs compose-build for every app: a, b, c and d', () => {
      expect(appsThatRan(result)).toEqual(['a', 'b', 'c', 'd']);
    });

    it.each(APPS)('builds %s (the docker compose build command is logged)', (app) => {
      expect(taskOutput(result, app)).toMatch(BUILD_LINE);
    });

    it.each(APPS)(
      'tags the image of %s <image>:latest and one content tag <image>:nx-<hash>',
      async (app) => {
        const tags = await tagsOfImage(`${name[app]}:latest`);
        expect(tags).toContain(`${name[app]}:latest`);
        expect(tags.filter((tag) => tag.startsWith(`${name[app]}:nx-`))).toHaveLength(1);
      },
    );

    it.each([
      ['a', SHARED],
      ['b', SHARED],
    ] as const)('the image of %s imports the workspace library %s', async (app, module) => {
      const imported = await runPython(
        `${name[app]}:latest`,
        `import ${module}; print(${module}.GREETING)`,
      );
      expectExitCode(imported, 0);
      expect(imported.stdout).toContain(`hello from ${module}`);
    });

    it('the image of c holds libs/other at its workspace path /workspace/libs/other', async () => {
      const probe = await runPython(
        `${name.c}:latest`,
        `import os, sys; sys.exit(0 if os.path.isfile("/workspace/libs/${OTHER}/${OTHER}/__init__.py") else 1)`,
      );
      expectExitCode(probe, 0);
    });

    it('sends a build context under 1 MB for a, whose folder holds a 50 MB .venv and node_modules', () => {
      const bytes = largestContextTransfer(taskOutput(result, 'a'));
      log(`affected-cache: build context of a: ${bytes} bytes`);
      expect(bytes).not.toBeNull();
      expect(bytes).toBeLessThan(1_000_000);
    });
  });

  describe('nx run-many -t compose-build again, with no change', () => {
    let result: RunResult;

    beforeAll(async () => {
      result = await timed('affected-cache: second nx run-many -t compose-build', () =>
        nx(['run-many', '-t', TARGET, OUTPUT_STYLE]),
      );
    });

    it('exits 0', () => {
      expectExitCode(result, 0);
    });

    it('runs compose-build for every app: a, b, c and d', () => {
      expect(appsThatRan(result)).toEqual(['a', 'b', 'c', 'd']);
    });

    it.each(APPS)('%s logs "already built from these inputs ... skipped the build"', (app) => {
      expect(taskOutput(result, app)).toMatch(SKIP_MESSAGE);
    });

    it.each(APPS)('%s runs no docker compose build', (app) => {
      expect(taskOutput(result, app)).not.toMatch(BUILD_LINE);
    });
  });

  describe('nx run-many -t compose-build a third time, with no change', () => {
    let result: RunResult;

    beforeAll(async () => {
      result = await timed('affected-cache: third nx run-many -t compose-build', () =>
        nx(['run-many', '-t', TARGET, OUTPUT_STYLE]),
      );
    });

    it('exits 0', () => {
      expectExitCode(result, 0);
    });

    it("is answered by Nx's cache for all four apps (the second run confirmed their images)", () => {
      expect(result.output).toMatch(
        /Nx read the output from the cache instead of running the command for 4 out of 4 tasks/,
      );
    });

    it.each(APPS)('%s runs no docker compose build', (app) => {
      expect(taskOutput(result, app)).not.toMatch(BUILD_LINE);
    });

    /** The tests both batch-mode runs below open with: they ran what the run above ran. */
    function itRunsWhatSingleTaskModeRan(batch: () => RunResult): void {
      it('exits 0', () => {
        expectExitCode(batch(), 0);
      });

      it('runs compose-build for the same apps as single-task mode did: a, b, c and d', () => {
        expect(appsThatRan(batch())).toEqual(appsThatRan(result));
        expect(appsThatRan(batch())).toEqual([...APPS]);
      });
    }

    // Batch mode groups the tasks of executors that have a batchImplementation; compose-build
    // has none on purpose (BENCHMARKS.md, "Batch mode"), so under --batch its tasks must still
    // be hashed by its hasher and answered as above. A hit is that proof: the entries written
    // in single-task mode are keyed by hashes that hold the hasher's image state, so a batch
    // run that hashed without the hasher would miss them all.
    describe('then nx run-many -t compose-build --batch (Nx batch mode), with no change', () => {
      let batch: RunResult;

      beforeAll(async () => {
        batch = await timed('affected-cache: nx run-many -t compose-build --batch, no change', () =>
          nx(['run-many', '-t', TARGET, '--batch', OUTPUT_STYLE]),
        );
      });

      itRunsWhatSingleTaskModeRan(() => batch);

      it("is answered by Nx's cache for all four apps, in the words single-task mode's run used", () => {
        expect(cacheSummary(batch.output)).not.toBeNull();
        expect(cacheSummary(batch.output)).toBe(cacheSummary(result.output));
      });

      it.each(APPS)(
        '%s: Nx reports it from its cache as in single-task mode ("existing outputs match the cache, left as is")',
        (app) => {
          const note = taskCacheNote(taskOutput(batch, app));
          expect(note).toBe(taskCacheNote(taskOutput(result, app)));
          expect(note).toBe('existing outputs match the cache, left as is');
        },
      );

      it.each(APPS)('%s runs no docker compose build', (app) => {
        expect(taskOutput(batch, app)).not.toMatch(BUILD_LINE);
      });
    });

    // Every app now has a cache entry for its files, its token and its image id: with a's
    // image deleted, only the image ids the hasher asks the engine for keep Nx from answering
    // a from that entry. This time batch mode comes from the environment (Nx reads
    // NX_BATCH_MODE=true into the same --batch flag).
    describe('then, with the image of a deleted (docker rmi -f <image id>), nx run-many -t compose-build with NX_BATCH_MODE=true', () => {
      let deleted: { removed: string[]; left: string[] };
      let batch: RunResult;

      beforeAll(async () => {
        deleted = await deleteImage(`${name.a}:latest`);
        batch = await timed(
          'affected-cache: nx run-many -t compose-build with NX_BATCH_MODE=true after docker rmi',
          () => nx(['run-many', '-t', TARGET, OUTPUT_STYLE], { NX_BATCH_MODE: 'true' }),
        );
      });

      it('docker rmi -f <id> removed a:latest and its content tag nx-<hash>', () => {
        expect(deleted.removed).toContain(`${name.a}:latest`);
        expect(deleted.removed.filter((tag) => tag.startsWith(`${name.a}:nx-`))).toHaveLength(1);
        expect(deleted.left).toEqual([]);
      });

      itRunsWhatSingleTaskModeRan(() => batch);

      it('rebuilds a: the docker compose build command is logged, and Nx does not report it from its cache', () => {
        expect(taskOutput(batch, 'a')).toMatch(BUILD_LINE);
        expect(taskOutput(batch, 'a')).not.toMatch(SKIP_MESSAGE);
        expect(taskCacheNote(taskOutput(batch, 'a'))).toBe('');
      });

      it.each(APPS.filter((app) => app !== 'a'))(
        "%s, whose image is still there, is answered by Nx's cache as in single-task mode",
        (app) => {
          expect(taskCacheNote(taskOutput(batch, app))).toBe(
            taskCacheNote(taskOutput(result, app)),
          );
          expect(taskOutput(batch, app)).not.toMatch(BUILD_LINE);
        },
      );

      it("Nx's summary counts every app but a as read from its cache", () => {
        expect(cacheSummary(batch.output)).toMatch(
          new RegExp(`for ${APPS.length - 1} out of ${APPS.length} tasks$`),
        );
      });

      it('a:latest is back with the tags the deleted image had (same inputs, same content tag)', async () => {
        expect(await tagsOfImage(`${name.a}:latest`)).toEqual(deleted.removed);
      });
    });
  });

  describe('nx affected -t compose-build after another change to libs/shared', () => {
    let result: RunResult;
    let before: Record<'a' | 'b', string | null>;

    beforeAll(async () => {
      before = { a: await imageId(`${name.a}:latest`), b: await imageId(`${name.b}:latest`) };
      const base = await commitSharedChange('for nx affected -t compose-build');
      result = await timed('affected-cache: nx affected -t compose-build', () =>
        nx(['affected', '-t', TARGET, `--base=${base}`, '--head=HEAD', OUTPUT_STYLE]),
      );
    });

    it('exits 0', () => {
      expectExitCode(result, 0);
    });

    it('runs compose-build for exactly a and b (not c, not d)', () => {
      expect(appsThatRan(result)).toEqual(['a', 'b']);
    });

    it.each(['a', 'b'] as const)(
      '%s rebuilds: the docker compose build command is logged',
      (app) => {
        expect(taskOutput(result, app)).toMatch(BUILD_LINE);
        expect(taskOutput(result, app)).not.toMatch(SKIP_MESSAGE);
      },
    );

    it.each(['a', 'b'] as const)('%s:latest is a new image', async (app) => {
      const after = await imageId(`${name[app]}:latest`);
      expect(before[app]).not.toBeNull();
      expect(after).not.toBeNull();
      expect(after).not.toBe(before[app]);
    });
  });

  describe('the image of a deleted with docker rmi -f <image id>', () => {
    let removedTags: string[];
    let leftAfterRmi: string[];
    let result: RunResult;

    beforeAll(async () => {
      ({ removed: removedTags, left: leftAfterRmi } = await deleteImage(`${name.a}:latest`));
      result = await timed('affected-cache: nx run a:compose-build after docker rmi', () =>
        nx(['run', `${name.a}:${TARGET}`]),
      );
    });

    it('docker rmi -f <id> removed a:latest and its content tag nx-<hash>', () => {
      expect(removedTags).toContain(`${name.a}:latest`);
      expect(removedTags.filter((tag) => tag.startsWith(`${name.a}:nx-`))).toHaveLength(1);
      expect(leftAfterRmi).toEqual([]);
    });

    it('nx run a:compose-build exits 0', () => {
      expectExitCode(result, 0);
    });

    it('nx run a:compose-build rebuilds: the docker compose build command is logged', () => {
      expect(result.output).toMatch(BUILD_LINE);
      expect(result.output).not.toMatch(SKIP_MESSAGE);
    });

    it('the rebuilt image carries a:latest and the same content tag as the deleted one (same inputs)', async () => {
      expect(await tagsOfImage(`${name.a}:latest`)).toEqual(removedTags);
    });

    describe('nx run a:compose-up', () => {
      let up: RunResult;
      let answer: HttpAnswer | Error;

      beforeAll(async () => {
        up = await timed('affected-cache: nx run a:compose-up', () =>
          nx(['run', `${name.a}:compose-up`]),
        );
        answer = await waitForHttp(`http://localhost:${hostPort.a}/`, 60_000).catch(
          (error: Error) => error,
        );
      });

      afterAll(async () => {
        // Whatever the tests below did, the stack of a comes down (by compose project, from a
        // folder without a compose file); its images stay for the tests after this one.
        await docker(['compose', '-p', stack.a, 'down', '--remove-orphans', '--timeout', '5']);
      });

      it('exits 0', () => {
        expectExitCode(up, 0);
      });

      it('serves the app from gunicorn on http://localhost:<hostPort>/', () => {
        if (answer instanceof Error) throw answer;
        expect(answer.status).toBeLessThan(500);
        expect(answer.headers.server).toMatch(/gunicorn/i);
      });

      describe('then nx run a:compose-down', () => {
        let down: RunResult;

        beforeAll(async () => {
          down = await nx(['run', `${name.a}:compose-down`]);
        });

        it('exits 0', () => {
          expectExitCode(down, 0);
        });

        it('leaves no container of a', async () => {
          const left = await docker([
            'ps',
            '-aq',
            '--filter',
            `label=com.docker.compose.project=${name.a}`,
          ]);
          expectExitCode(left, 0);
          expect(left.stdout.trim()).toBe('');
        });
      });
    });
  });

  describe('editing a file the build context excludes (its ignore file) does not change the build', () => {
    // a builds from the workspace root (Dockerfile.dockerignore), d from its own folder
    // (.dockerignore); both exclude **/.venv and **/__pycache__.
    it.each([
      ['a', '.venv/lib/python3.11/site-packages/blob.bin'],
      ['a', '__pycache__/README'],
      ['d', '.venv/lib/python3.11/site-packages/extra.py'],
      ['d', '__pycache__/README'],
    ] as const)('%s: after editing %s, nx run compose-build skips the build', async (app, file) => {
      const first = await nx(['run', `${name[app]}:${TARGET}`]);
      expectExitCode(first, 0);
      const path = join(project[app].path, file);
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, `edited ${randomBytes(8).toString('hex')}\n`);
      const second = await nx(['run', `${name[app]}:${TARGET}`]);
      expectExitCode(second, 0);
      expect(second.output).toMatch(SKIP_MESSAGE);
      expect(second.output).not.toMatch(BUILD_LINE);
    });
  });

  describe('d starts installing libs/other (-e ../../libs/other), then nx sync', () => {
    let unsynced: RunResult;
    let sync: RunResult;

    beforeAll(async () => {
      appendFileSync(join(project.d.path, 'requirements.txt'), `-e ../../libs/${OTHER}\n`);
      // Nx runs a task's sync generators only outside CI (under CI it skips them); without a
      // terminal it then stops instead of asking. CI=false makes that so whatever runs the suite.
      unsynced = await runNoInput('npx', ['nx', 'run', `${name.d}:${TARGET}`], {
        cwd: workspace().root,
        env: cleanEnv({ CI: 'false' }),
        timeout: 5 * 60 * 1000,
      });
      sync = await nx(['sync']);
    });

    it('before nx sync, nx run d:compose-build (CI=false, no terminal) stops: the workspace is out of sync', () => {
      expectExitCode(unsynced, 'non-zero');
      expect(unsynced.output).toMatch(/The workspace is out of sync/);
      expect(unsynced.output).not.toMatch(BUILD_LINE);
    });

    it('nx sync exits 0', () => {
      expectExitCode(sync, 0);
    });

    it("d's compose.yaml builds from the workspace root with apps/d/Dockerfile", async () => {
      const config = await runNoInput('docker', ['compose', 'config', '--format', 'json'], {
        cwd: project.d.path,
      });
      expectExitCode(config, 0);
      const server = (
        JSON.parse(config.stdout) as {
          services: Record<string, { build?: { context?: string; dockerfile?: string } }>;
        }
      ).services.server;
      expect(server.build?.context).toBe(workspace().root);
      expect(server.build?.dockerfile).toMatch(/(^|\/)apps\/d\/Dockerfile$/);
    });

    it("d's Dockerfile copies libs/other to /workspace/libs/other", () => {
      const dockerfile = readFileSync(join(project.d.path, 'Dockerfile'), 'utf-8');
      expect(dockerfile).toMatch(
        new RegExp(`^COPY (--chown=\\S+ )?libs/${OTHER} /workspace/libs/${OTHER}$`, 'm'),
      );
    });

    it("d's Dockerfile.dockerignore lets in only apps/d and libs/other", () => {
      const lines = readFileSync(join(project.d.path, 'Dockerfile.dockerignore'), 'utf-8')
        .split('\n')
        .map((line) => line.trim());
      expect(lines).toEqual(expect.arrayContaining(['*', '!apps/d', `!libs/${OTHER}`]));
      expect(lines.filter((line) => /^!(apps|libs)\//.test(line)).sort()).toEqual(
        ['!apps/d', `!libs/${OTHER}`].sort(),
      );
    });

    it('nx sync:check then reports the workspace in sync', async () => {
      expectExitCode(await nx(['sync:check']), 0);
    });

    describe('nx run d:compose-build', () => {
      let result: RunResult;

      beforeAll(async () => {
        result = await timed('affected-cache: nx run d:compose-build after nx sync', () =>
          nx(['run', `${name.d}:${TARGET}`]),
        );
      });

      it('exits 0', () => {
        expectExitCode(result, 0);
      });

      it('rebuilds d: the docker compose build command is logged', () => {
        expect(result.output).toMatch(BUILD_LINE);
      });

      it('the image of d imports other', async () => {
        const imported = await runPython(
          `${name.d}:latest`,
          `import ${OTHER}; print(${OTHER}.GREETING)`,
        );
        expectExitCode(imported, 0);
        expect(imported.stdout).toContain(`hello from ${OTHER}`);
      });
    });
  });
});
