import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hash } from 'nx/src/hasher/task-hasher';
import type { ProjectGraph } from 'nx/src/config/project-graph';
import type { Task, TaskGraph } from 'nx/src/config/task-graph';
import { IMAGES_METADATA_KEY, imageStateFile, renewImageState } from '../../nx/image-state';
import composeBuildHasher, { type ComposeBuildHasherContext } from './hasher';

// The hasher asks the docker CLI on the PATH; these tests put a fake one first.
const FAKE_CLI_DIR = mkdtempSync(join(tmpdir(), 'docker-django-hasher-cli-'));

function task(project: string): Task {
  return { id: `${project}:compose-build`, target: { project, target: 'compose-build' } } as Task;
}

function graph(images: Record<string, string[] | undefined>): ProjectGraph {
  const nodes = Object.fromEntries(
    Object.entries(images).map(([project, list]) => [
      project,
      {
        name: project,
        type: 'app',
        data: {
          root: `apps/${project}`,
          targets: {
            'compose-build': { metadata: list ? { [IMAGES_METADATA_KEY]: list } : {} },
          },
        },
      },
    ]),
  );
  return { nodes, dependencies: {} } as unknown as ProjectGraph;
}

function context(projectGraph: ProjectGraph): ComposeBuildHasherContext {
  const own = (t: Task): Hash => ({
    value: `files-of-${t.target.project}`,
    details: { command: 'c', nodes: { [`${t.target.project}:ProjectConfiguration`]: 'n' } },
  });
  return {
    hasher: { hashTask: async (t: Task) => own(t) },
    projectGraph,
    taskGraph: { tasks: {}, dependencies: {} } as unknown as TaskGraph,
    env: {},
  };
}

describe('compose-build hasher', () => {
  let root: string;
  const path = process.env.PATH;
  const answers = new Map<string, string>();

  function fakeDocker(): void {
    // Answers `docker image inspect --format {{.Id}} <refs...>` from `answers`, like the CLI:
    // found ids on stdout in order, missing refs named on stderr, exit 1 if any is missing.
    const script = [
      '#!/usr/bin/env node',
      `const answers = ${JSON.stringify(Object.fromEntries(answers))};`,
      "require('fs').appendFileSync(process.env.HASHER_CALLS, process.argv.slice(2).join(' ') + '\\n');",
      'let missing = 0;',
      'for (const ref of process.argv.slice(5)) {',
      '  if (answers[ref]) process.stdout.write(answers[ref] + "\\n");',
      '  else { missing++; process.stderr.write(`Error response from daemon: no such image: ${ref}: No such image: ${ref}\\n`); }',
      '}',
      'process.exit(missing ? 1 : 0);',
    ].join('\n');
    require('node:fs').writeFileSync(join(FAKE_CLI_DIR, 'docker'), script, { mode: 0o755 });
  }

  const calls = (): string[] =>
    require('node:fs').readFileSync(process.env.HASHER_CALLS, 'utf-8').split('\n').filter(Boolean);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docker-django-hasher-'));
    process.env.PATH = `${FAKE_CLI_DIR}:${path}`;
    process.env.HASHER_CALLS = join(root, 'calls');
    require('node:fs').writeFileSync(process.env.HASHER_CALLS, '');
    answers.clear();
    answers.set('a:latest', 'sha256:aa');
    answers.set('b:latest', 'sha256:bb');
    fakeDocker();
  });
  afterEach(() => {
    process.env.PATH = path;
    delete process.env.HASHER_CALLS;
    rmSync(root, { recursive: true, force: true });
  });
  afterAll(() => rmSync(FAKE_CLI_DIR, { recursive: true, force: true }));

  const hash = (ctx: ComposeBuildHasherContext, project: string) =>
    composeBuildHasher(task(project), ctx, root);

  it('asks the engine once for every task hashed together', async () => {
    const ctx = context(graph({ a: ['a:latest'], b: ['b:latest'] }));
    const [a, b] = await Promise.all([hash(ctx, 'a'), hash(ctx, 'b')]);
    expect(calls()).toEqual(['image inspect --format {{.Id}} a:latest b:latest']);
    expect(a.details.runtime?.['docker-django images']).toMatch(/ a:latest=sha256:aa$/);
    expect(b.details.runtime?.['docker-django images']).toMatch(/ b:latest=sha256:bb$/);
  });

  it("gives the same hash while the engine and the token are the same, and keeps Nx's nodes", async () => {
    const ctx = context(graph({ a: ['a:latest'] }));
    renewImageState(imageStateFile(root, 'apps/a', {}));
    const first = await hash(ctx, 'a');
    expect(await hash(ctx, 'a')).toEqual(first);
    expect(first.value).not.toBe('files-of-a');
    expect(first.details.nodes).toEqual({ 'a:ProjectConfiguration': 'n' });
  });

  it('changes the hash when an image is replaced, the token is renewed, or an image is gone', async () => {
    const ctx = context(graph({ a: ['a:latest'] }));
    renewImageState(imageStateFile(root, 'apps/a', {}));
    const before = (await hash(ctx, 'a')).value;

    answers.set('a:latest', 'sha256:a2');
    fakeDocker();
    const replaced = (await hash(ctx, 'a')).value;
    expect(replaced).not.toBe(before);

    renewImageState(imageStateFile(root, 'apps/a', {}));
    const renewed = (await hash(ctx, 'a')).value;
    expect(renewed).not.toBe(replaced);

    answers.delete('a:latest');
    fakeDocker();
    const gone = (await hash(ctx, 'a')).value;
    expect(gone).not.toBe(renewed);
    // Never the same twice: a hit on an absent image is impossible.
    expect((await hash(ctx, 'a')).value).not.toBe(gone);
  });

  it("keeps one project's hash when only another project's image changed", async () => {
    const ctx = context(graph({ a: ['a:latest'], b: ['b:latest'] }));
    renewImageState(imageStateFile(root, 'apps/a', {}));
    const [a1] = await Promise.all([hash(ctx, 'a'), hash(ctx, 'b')]);
    answers.set('b:latest', 'sha256:b2');
    fakeDocker();
    const [a2] = await Promise.all([hash(ctx, 'a'), hash(ctx, 'b')]);
    expect(a2.value).toBe(a1.value);
  });

  it("gives Nx's own hash, asking nothing, for a target without recorded images", async () => {
    const ctx = context(graph({ a: undefined }));
    expect((await hash(ctx, 'a')).value).toBe('files-of-a');
    expect(calls()).toEqual([]);
  });
});
