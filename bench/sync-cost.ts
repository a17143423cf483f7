// sync-cost: what the docker-django:sync generator adds to `nx run <app>:compose-build`, and
// which apps still pay it.
//
// Why: Nx runs every sync generator a target declares before the task; without the daemon that
// is a second project-graph computation plus the generator itself (about 1.3 s measured by
// executor-overhead). The inference plugin attaches it only to apps that use workspace
// libraries (issue 10, item 4: at most 150 ms for an app that does not need it).
//
// Measured in one workspace: a library (libs/shared) and three generated apps, `plain` (no
// library), `plain-forced` (the same, with the sync generator declared in its project.json, as
// every app had it before) and `uses-lib` (`-e ../../libs/shared`, initialised after, so its
// build context is the workspace root). `nx sync` first, so nothing is out of sync. Then, in
// rotation, `nx run <app>:compose-build --dryRun` with and without --skipSync, NX_DAEMON=false.
// Sync cost = median(run) - median(run --skipSync) of the same app.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { log } from '../tools/testing/log';
import { writeNxProject } from '../tools/testing/projects';
import { fmtMs, summarize } from '../tools/testing/timing';
import { envInt } from './lib/env';
import { main } from './lib/main';
import { printTable, timingCells } from './lib/report';
import { addDjangoApp, assertDistBuilt, createWorkspace, initApp } from './lib/workspace';

const N = envInt('BENCH_N', 5);
const TARGET_MS = 150;

main('sync-cost', async (cleanup) => {
  assertDistBuilt();
  const ws = await createWorkspace(cleanup, 'sync');
  log('generating the workspace');
  const lib = writeNxProject(ws.root, 'shared', 'libs/shared', 'library');
  writeFileSync(
    join(lib.path, 'pyproject.toml'),
    '[project]\nname = "shared"\nversion = "0.1.0"\n\n[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n',
  );
  const plain = await addDjangoApp(ws, 'plain');
  await initApp(ws, plain);
  const forced = await addDjangoApp(ws, 'plain-forced');
  await initApp(ws, forced);
  const projectJson = join(forced.path, 'project.json');
  writeFileSync(
    projectJson,
    JSON.stringify(
      {
        name: forced.name,
        root: forced.root,
        projectType: 'application',
        targets: { 'compose-build': { syncGenerators: ['docker-django:sync'] } },
      },
      null,
      2,
    ) + '\n',
  );
  const usesLib = await addDjangoApp(ws, 'uses-lib', {
    requirements: 'Django>=4.2,<5\ngunicorn\n-e ../../libs/shared\n',
  });
  await initApp(ws, usesLib);
  await ws.mustNx(['sync']);

  const apps = [plain, forced, usesLib];
  const declared: Record<string, string> = {};
  for (const app of apps) {
    const shown = await ws.mustNx(['show', 'project', app.name, '--json']);
    const project = JSON.parse(shown.stdout) as {
      targets?: Record<string, { syncGenerators?: string[] }>;
    };
    declared[app.name] = JSON.stringify(project.targets?.['compose-build']?.syncGenerators ?? []);
  }
  if (declared.plain !== '[]' || declared['uses-lib'] === '[]' || declared['plain-forced'] === '[]')
    throw new Error(`Unexpected sync generators on compose-build: ${JSON.stringify(declared)}`);

  const samples: Record<string, number[]> = {};
  const variants = apps.flatMap((app) => [
    { key: `${app.name} run`, args: ['run', `${app.name}:compose-build`, '--dryRun'] },
    {
      key: `${app.name} skipSync`,
      args: ['run', `${app.name}:compose-build`, '--dryRun', '--skipSync'],
    },
  ]);
  log('warm-up');
  for (const v of variants) await ws.mustNx(v.args);
  for (let i = 0; i < N; i++) {
    const order = i % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) {
      log(`${v.key} #${i + 1}`);
      const r = await ws.mustNx(v.args);
      (samples[v.key] ??= []).push(r.ms);
    }
  }

  const s = (key: string) => summarize(samples[key] ?? []);
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const app of apps) {
    const run = s(`${app.name} run`);
    const skip = s(`${app.name} skipSync`);
    const cost = run.median - skip.median;
    rows.push(
      [`${app.name}: nx run --skipSync [baseline]`, ...timingCells(skip), ''],
      [`${app.name}: nx run`, ...timingCells(run), fmtMs(cost)],
    );
    notes.push(
      `- ${app.name}: compose-build declares ${declared[app.name]}; sync cost ${fmtMs(cost)}` +
        (app === forced ? ' (every app paid this before the change)' : '') +
        (app === plain
          ? `: ${cost <= TARGET_MS ? 'PASS' : 'FAIL'} (target <= ${TARGET_MS} ms)`
          : ''),
    );
  }
  printTable(
    'sync-cost: nx run <app>:compose-build --dryRun, NX_DAEMON=false, workspace in sync',
    ['measurement', 'n', 'median', 'min', 'max', 'sync cost (minus --skipSync)'],
    rows,
    notes,
  );
});
