// cache-skip: what `nx run-many -t compose-build` costs when nothing changed, against running
// `docker compose build` for each app by hand.
//
// Why: in a monorepo, CI and developers run compose-build over every app (or every affected
// one). compose-build is not cached by Nx (a replayed log would leave no image behind), so the
// plugin's promise is that an unchanged app costs little: ideally the executor recognises an
// image that is already built from the same inputs and skips compose altogether (content-tag
// skipping). This benchmark measures the no-change case and the one-image-removed case, and
// reports what the executor actually did (how many compose builds it started, any skip lines).
//
// Measured, in one workspace with N generated apps (default 3), after a first build:
//   - `nx run-many -t compose-build -p <apps>` (images present), vs
//   - `docker compose -f <app>/compose.yaml -p <app> build` for each app in turn [baseline],
//     and the same three started at once (run-many runs tasks in parallel, 3 by default);
//   - both again after `docker rmi` of every tag of one app's image.
import { join } from 'node:path';
import { assertDockerWorks, assertImagePresent, docker, uniqueName } from '../tools/testing/engine';
import { EngineSweep } from '../tools/testing/engine-sweep';
import { imageId, imageTags } from '../tools/testing/images';
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

const APPS = envInt('BENCH_APPS', 3);
const N = envInt('BENCH_N', 5);
const N_RMI = envInt('BENCH_N_RMI', 3);

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
    apps.push(app);
  }
  const names = apps.map((a) => a.name);

  const runMany = async (): Promise<RunResult> => {
    const r = await ws.nx(['run-many', '-t', 'compose-build', '-p', names.join(',')]);
    if (r.exitCode !== 0) throw new Error(`nx run-many failed:\n${r.output.slice(-4000)}`);
    return r;
  };
  const composeBuild = (app: DjangoApp) =>
    run('docker', ['compose', '-f', join(app.path, 'compose.yaml'), '-p', app.name, 'build'], {
      cwd: app.path,
      env: benchEnv(),
    }).then((r) => {
      if (r.exitCode !== 0)
        throw new Error(`compose build of ${app.name} failed:\n${r.output.slice(-3000)}`);
      return r;
    });
  const sequential = async () => {
    const started = process.hrtime.bigint();
    for (const app of apps) await composeBuild(app);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const parallel = async () => {
    const started = process.hrtime.bigint();
    await Promise.all(apps.map(composeBuild));
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const removeImage = async (app: DjangoApp) => {
    const tags = await imageTags(app.name);
    if (tags.length === 0) throw new Error(`No image of ${app.name} to remove.`);
    const r = await docker(['image', 'rm', ...tags]);
    if (r.exitCode !== 0) throw new Error(`docker rmi ${tags.join(' ')} failed: ${r.output}`);
  };

  // What did the executor do? Count the compose build commands it logged and its skip lines.
  const behaviour = new Map<string, { builds: number[]; skips: number[]; example?: string }>();
  const describe = (label: string, r: RunResult) => {
    const lines = r.output.split('\n');
    const builds = lines.filter((l) => /\[docker-django\].*\bcompose\b.*\sbuild\b/.test(l)).length;
    const skipLines = lines
      .filter((l) => /skip|up.to.date|unchanged|already built/i.test(l))
      .map((l) => l.trim());
    const b = behaviour.get(label) ?? { builds: [], skips: [] };
    b.builds.push(builds);
    b.skips.push(skipLines.length);
    b.example ??= skipLines[0];
    behaviour.set(label, b);
  };

  log(`first build of ${apps.length} apps through nx run-many`);
  const first = await runMany();
  describe('first run-many (no image yet)', first);
  for (const app of apps) {
    if (!(await imageId(`${app.name}:latest`)))
      throw new Error(`run-many did not build ${app.name}:latest`);
  }

  log(`unchanged apps, images present (n=${N})`);
  const present = { runMany: [] as number[], seq: [] as number[], par: [] as number[] };
  // One untimed round of each first: page cache, the engine's cache lookups.
  describe('run-many, images present', await runMany());
  await sequential();
  for (let i = 0; i < N; i++) {
    const steps: Array<() => Promise<void>> = [
      async () => {
        const r = await runMany();
        describe('run-many, images present', r);
        present.runMany.push(r.ms);
      },
      async () => void present.seq.push(await sequential()),
      async () => void present.par.push(await parallel()),
    ];
    if (i % 2 === 1) steps.reverse();
    for (const step of steps) await step();
  }

  log(`one image removed (n=${N_RMI})`);
  const removed = { runMany: [] as number[], seq: [] as number[] };
  for (let i = 0; i < N_RMI; i++) {
    const steps: Array<() => Promise<void>> = [
      async () => {
        await removeImage(apps[0]);
        const r = await runMany();
        describe('run-many, one image removed', r);
        removed.runMany.push(r.ms);
      },
      async () => {
        await removeImage(apps[0]);
        removed.seq.push(await sequential());
      },
    ];
    if (i % 2 === 1) steps.reverse();
    for (const step of steps) await step();
    await sweep.track(`${apps[0].name}:latest`);
  }

  const header = ['measurement', 'n', 'median', 'min', 'max', 'minus baseline', 'ratio'];
  const row = (label: string, s: Summary, base?: Summary) => [
    label,
    ...timingCells(s),
    base ? fmtMs(s.median - base.median) : '',
    base ? fmtRatio(s.median, base.median) : '',
  ];
  const seq = summarize(present.seq);
  const seqRm = summarize(removed.seq);
  printTable(
    `cache-skip: compose-build over ${apps.length} unchanged apps`,
    header,
    [
      row(`docker compose build x${apps.length}, one after another [baseline]`, seq),
      row(`docker compose build x${apps.length}, all at once`, summarize(present.par), seq),
      row(`nx run-many -t compose-build (images present)`, summarize(present.runMany), seq),
      row(`after docker rmi of 1 image: docker compose build x${apps.length} [baseline]`, seqRm),
      row(
        `after docker rmi of 1 image: nx run-many -t compose-build`,
        summarize(removed.runMany),
        seqRm,
      ),
    ],
    [
      `First run-many (no image yet; BuildKit's layer cache may hold layers of earlier runs): ${fmtMs(first.ms)}.`,
      `What the executors did, per \`nx run-many\` (${apps.length} apps each):`,
      ...[...behaviour].map(
        ([label, b]) =>
          `- ${label} (${b.builds.length} runs): compose builds started per run ${[...new Set(b.builds)].join('/')}, ` +
          `skip lines per run ${[...new Set(b.skips)].join('/')}` +
          (b.example
            ? `, e.g. \`${b.example.replace(new RegExp(prefix, 'g'), '<app>').replace(/nx-[0-9a-z]+/, 'nx-<hash>')}\``
            : ''),
      ),
    ],
  );
});
