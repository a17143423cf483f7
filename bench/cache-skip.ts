// cache-skip: what `nx run-many -t compose-build` costs when nothing changed, and when one app
// of many changed, against Nx's own floor and against running `docker compose build` by hand.
//
// Why: graph-aware caching is the reason to run image builds through Nx, so an unchanged
// workspace must cost close to what Nx costs for any cached task (issue 10 items 1-2).
//
// Measured in one workspace of N generated apps (default 20), images built, side by side in
// every round (the variants alternate):
//   - the Nx floor: `nx run-many -t noop` of a cached `nx:run-commands` target of the same
//     projects (same workspace, same process start-up and graph) [baseline];
//   - `nx run-many -t compose-build` with nothing changed;
//   - `docker compose build` of every app, one after another (what compose alone costs);
//   - one app edited: `nx run-many -t compose-build`, against that app's own
//     `docker compose build` after the same kind of edit (target: floor + that build + 0.5 s);
//   - truthfulness: after `docker rmi` of one image, run-many must rebuild exactly that app.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeProjectOf } from '../tools/testing/compose';
import { assertDockerWorks, assertImagePresent, docker, uniqueName } from '../tools/testing/engine';
import { EngineSweep } from '../tools/testing/engine-sweep';
import { imageId } from '../tools/testing/images';
import { log } from '../tools/testing/log';
import { run, type RunResult } from '../tools/testing/run';
import { fmtMs, summarize, type Summary } from '../tools/testing/timing';
import { benchEnv, envInt } from './lib/env';
import { main } from './lib/main';
import { fmtRatio, printTable, timingCells } from './lib/report';
import {
  addDjangoApp,
  assertDistBuilt,
  createWorkspace,
  initApp,
  type DjangoApp,
} from './lib/workspace';

const APPS = envInt('BENCH_APPS', 20);
const N = envInt('BENCH_N', 5);
const N_CHANGE = envInt('BENCH_N_CHANGE', 3);
const FIRST_BUILD_TIMEOUT_MS = 40 * 60_000;

const BUILD_LINE = /\[docker-django\].*\bcompose\b.*\sbuild\b/;
const FROM_CACHE =
  /Nx read the output from the cache instead of running the command for (\d+) out of (\d+) tasks/;

/** The cached no-op target of the floor, added to each app's project.json. */
function addNoopTarget(app: DjangoApp): void {
  const file = join(app.path, 'project.json');
  const project = JSON.parse(readFileSync(file, 'utf-8'));
  project.targets = {
    ...project.targets,
    noop: {
      executor: 'nx:run-commands',
      options: { command: 'node -e "0"' },
      cache: true,
      inputs: ['{projectRoot}/**/*'],
      outputs: [],
    },
  };
  writeFileSync(file, JSON.stringify(project, null, 2) + '\n');
}

main('cache-skip', async (cleanup) => {
  assertDistBuilt();
  await assertDockerWorks();
  await assertImagePresent('python:3.13-slim');
  const prefix = uniqueName('bench', 'cs');
  const sweep = new EngineSweep(prefix).register(cleanup);

  const ws = await createWorkspace(cleanup, 'cs');
  const apps: DjangoApp[] = [];
  for (let i = 1; i <= APPS; i++) {
    const app = await addDjangoApp(ws, sweep.composeProject(`${prefix}-${i}`));
    await initApp(ws, app);
    addNoopTarget(app);
    apps.push(app);
  }
  log(`${APPS} apps made and initialised`);
  const names = apps.map((a) => a.name).join(',');

  const runMany = async (target: string, timeout?: number): Promise<RunResult> => {
    // Nx's cache on, as users have it (the harness turns it off for everything else).
    const r = await ws.nx(['run-many', '-t', target, '-p', names, '--outputStyle=static'], {
      env: { NX_SKIP_NX_CACHE: undefined },
      timeout,
    });
    if (r.exitCode !== 0)
      throw new Error(`nx run-many -t ${target} failed:\n${r.output.slice(-4000)}`);
    return r;
  };
  // The compose project init recorded and the compose.yaml header tells users to pass: compose
  // labels the images it builds with it, so another -p would build other images than the
  // executor's and move each `latest` away from what Nx's cache entry saw.
  const stacks = new Map(
    apps.map((app) => [
      app.name,
      sweep.composeProject(composeProjectOf(join(app.path, 'compose.yaml'), app.name)),
    ]),
  );
  const composeBuild = (app: DjangoApp) =>
    run(
      'docker',
      [
        'compose',
        '-f',
        join(app.path, 'compose.yaml'),
        '-p',
        stacks.get(app.name) ?? app.name,
        'build',
      ],
      {
        cwd: app.path,
        env: benchEnv(),
      },
    ).then((r) => {
      if (r.exitCode !== 0)
        throw new Error(`compose build of ${app.name} failed:\n${r.output.slice(-3000)}`);
      return r;
    });
  const composeLoop = async () => {
    const started = process.hrtime.bigint();
    for (const app of apps) await composeBuild(app);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  let edits = 0;
  const edit = (app: DjangoApp) =>
    appendFileSync(join(app.path, app.module, 'urls.py'), `# bench edit ${++edits}\n`);

  // What Nx and the executors did in each kind of run: tasks from Nx's cache, compose builds.
  const seen = new Map<string, { cached: string[]; builds: number[] }>();
  const note = (label: string, r: RunResult) => {
    const s = seen.get(label) ?? { cached: [], builds: [] };
    const m = FROM_CACHE.exec(r.output);
    s.cached.push(m ? `${m[1]}/${m[2]}` : `0/${APPS}`);
    s.builds.push(r.output.split('\n').filter((l) => BUILD_LINE.test(l)).length);
    seen.set(label, s);
    return r;
  };

  log('first build of every app, then two no-op runs (the second run confirms each image)');
  // The one long step: every app's first image (collectstatic of 20 apps on 2 shared cores
  // went past the usual 10-minute limit of one nx command once).
  const first = note(
    'first run-many (no image yet)',
    await runMany('compose-build', FIRST_BUILD_TIMEOUT_MS),
  );
  note('second run-many (confirms the images)', await runMany('compose-build'));
  note('warm-up run-many', await runMany('compose-build'));
  await runMany('noop');
  await composeLoop();

  log(`no change (n=${N})`);
  const t = { floor: [] as number[], noop: [] as number[], loop: [] as number[] };
  for (let i = 0; i < N; i++) {
    const steps: Array<() => Promise<void>> = [
      async () => void t.floor.push((await runMany('noop')).ms),
      async () =>
        void t.noop.push(note('run-many, nothing changed', await runMany('compose-build')).ms),
      async () => void t.loop.push(await composeLoop()),
    ];
    if (i % 2 === 1) steps.reverse();
    for (const step of steps) await step();
  }

  log(`one app changed (n=${N_CHANGE})`);
  const c = { runMany: [] as number[], own: [] as number[], floor: [] as number[] };
  for (let i = 0; i < N_CHANGE; i++) {
    const app = apps[i % apps.length];
    edit(app);
    c.runMany.push(note('run-many, one app edited', await runMany('compose-build')).ms);
    edit(app);
    const own = await composeBuild(app);
    c.own.push(own.ms);
    c.floor.push((await runMany('noop')).ms);
    // Back to a confirmed state (the direct build moved latest away from Nx's content tag).
    await runMany('compose-build');
    await runMany('compose-build');
  }

  log('one image deleted');
  const deleted = apps[apps.length - 1];
  const id = await imageId(`${deleted.name}:latest`);
  if (!id) throw new Error(`${deleted.name}:latest is missing before docker rmi`);
  const rmi = await docker(['rmi', '-f', id]);
  if (rmi.exitCode !== 0) throw new Error(`docker rmi -f ${id} failed: ${rmi.output}`);
  const afterRmi = note('run-many after docker rmi of one image', await runMany('compose-build'));
  const rebuilt = await imageId(`${deleted.name}:latest`);
  await sweep.track(`${deleted.name}:latest`);

  const floor = summarize(t.floor);
  const noop = summarize(t.noop);
  const loop = summarize(t.loop);
  const changeFloor = summarize(c.floor);
  const changed = summarize(c.runMany);
  const own = summarize(c.own);
  const header = ['measurement', 'n', 'median', 'min', 'max', 'minus baseline', 'ratio'];
  const row = (label: string, s: Summary, base?: Summary) => [
    label,
    ...timingCells(s),
    base ? fmtMs(s.median - base.median) : '',
    base ? fmtRatio(s.median, base.median) : '',
  ];
  const budget = changeFloor.median + own.median + 500;
  printTable(
    `cache-skip: compose-build over ${APPS} apps against the Nx floor`,
    header,
    [
      row(`Nx floor: run-many -t noop (cached nx:run-commands) [baseline]`, floor),
      row(`nx run-many -t compose-build, nothing changed`, noop, floor),
      row(`docker compose build x${APPS}, one after another`, loop, floor),
      row(`Nx floor, in the one-change rounds [baseline]`, changeFloor),
      row(`nx run-many -t compose-build, one app edited`, changed, changeFloor),
      row(`that app's own docker compose build after an edit`, own),
    ],
    [
      `No-op: ${fmtRatio(noop.median, floor.median)} the floor (target <= 1.2x): ` +
        `${noop.median <= 1.2 * floor.median ? 'PASS' : 'FAIL'}; ` +
        `${fmtRatio(loop.median, noop.median)} faster than the compose loop.`,
      `One change: ${fmtMs(changed.median)} against floor + own build + 0.5 s = ${fmtMs(budget)}: ` +
        `${changed.median <= budget ? 'PASS' : 'FAIL'}.`,
      `After docker rmi of ${deleted.name.replace(prefix, '<app>')}: ${afterRmi.output.split('\n').filter((l) => BUILD_LINE.test(l)).length} compose build(s) started, ` +
        `image ${rebuilt ? 'present again' : 'STILL MISSING'} (${rebuilt && rebuilt !== id ? 'a new id' : 'same id'}).`,
      `First run-many (no image yet): ${fmtMs(first.ms)}.`,
      `What each kind of run did (tasks read from Nx's cache; compose builds started):`,
      ...[...seen].map(
        ([label, s]) =>
          `- ${label}: from cache ${[...new Set(s.cached)].join(', ')}; builds ${[...new Set(s.builds)].join('/')}`,
      ),
    ],
  );
});
