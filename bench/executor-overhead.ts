// executor-overhead: what the compose executors cost on top of calling compose directly.
//
// Why: every `nx run <app>:compose-build` goes through the compose-build executor, which reads
// the compose file, probes the engine (`docker compose version`), looks for a content tag and
// then runs compose. On a fully cached build compose itself takes about a second, so the
// executor's own work is what a developer waits for on every no-op build. Target (issue 10
// item 3): at most 100 ms median over direct compose, for build, up and down alike.
//
// Measured, in one workspace with one generated app (`nx g docker-django:init`), images present:
//   (a) `docker compose -f compose.yaml -p <p> build` spawned directly (all layers cached);
//   (b) the built compose-build executor (dist/) called in-process with a minimal hand-built
//       ExecutorContext, after a warm-up, in rotation with (a) in the same worker process:
//       without a task hash (it runs compose build, like (a)) and with one whose content tag
//       is present (it skips compose); also its --dryRun, and compose-down / compose-up
//       against the same direct commands;
//   (a') / (b') the same in a fresh `node` process each (process start + module load included);
//   (c) `npx nx run <p>:compose-build` in the real workspace, for context: that adds Nx's own
//       start-up, project graph, sync generators and task hashing (reported separately, not
//       counted as executor overhead), the same with --skipSync (without the Nx daemon, the
//       target's sync generator costs a second project-graph computation), and
//       `npx nx show projects` as Nx's bare start-up.
// Overhead = median(b) - median(a) for the like-for-like pair; ratio = median(b) / median(a).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertDockerWorks, assertImagePresent, uniqueName } from '../tools/testing/engine';
import { composeProjectOf } from '../tools/testing/compose';
import { EngineSweep } from '../tools/testing/engine-sweep';
import { log } from '../tools/testing/log';
import { freePort } from '../tools/testing/net';
import { repoRoot } from '../tools/testing/paths';
import { run, runOrThrow } from '../tools/testing/run';
import { fmtMs, summarize, type Summary } from '../tools/testing/timing';
import { benchEnv, envInt } from './lib/env';
import { main } from './lib/main';
import { fmtRatio, printTable, timingCells } from './lib/report';
import { addDjangoApp, assertDistBuilt, createWorkspace, distDir, initApp } from './lib/workspace';

const N = envInt('BENCH_N', 11);
const N_UP = envInt('BENCH_N_UP', 3);
const N_PROCESS = envInt('BENCH_N_PROCESS', 3);
const N_NX = envInt('BENCH_N_NX', 3);
const TARGET_MS = 100;

main('executor-overhead', async (cleanup) => {
  assertDistBuilt();
  await assertDockerWorks();
  await assertImagePresent('python:3.13-slim');
  const prefix = uniqueName('bench', 'eo');
  const sweep = new EngineSweep(prefix).register(cleanup);

  const ws = await createWorkspace(cleanup, 'eo');
  const app = await addDjangoApp(ws, prefix);
  await initApp(ws, app, ['--hostPort', String(await freePort())]);
  const composeFile = join(app.path, 'compose.yaml');
  // The compose project init recorded (the project name plus a hash of workspace and project).
  const stack = sweep.composeProject(composeProjectOf(composeFile, prefix));
  if (!readFileSync(composeFile, 'utf-8').includes(`image: ${prefix}:latest`)) {
    throw new Error(`Expected the generated compose.yaml to build image ${prefix}:latest.`);
  }
  log('first (uncached) build');
  const first = await runOrThrow('docker', ['compose', '-f', composeFile, '-p', stack, 'build'], {
    cwd: app.path,
    env: benchEnv(),
  });
  log(`first build ${fmtMs(first.ms)}`);

  // (a), (b): in a worker whose stdio goes to a log file.
  const scratch = mkdtempSync(join(tmpdir(), 'bench-eo-'));
  cleanup.add('remove worker files', () => rmSync(scratch, { recursive: true, force: true }));
  const out = join(scratch, 'samples.json');
  const config = {
    distDir,
    workspaceRoot: ws.root,
    project: app.name,
    projectRoot: app.path,
    composeFile,
    composeProject: stack,
    n: N,
    nUp: N_UP,
  };
  log(`in-process executor vs direct compose (n=${N}, up n=${N_UP})`);
  const worker = await run(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      join(__dirname, 'lib', 'executor-worker.ts'),
      JSON.stringify(config),
      out,
    ],
    {
      cwd: repoRoot,
      env: { ...benchEnv(), TS_NODE_PROJECT: join(__dirname, 'tsconfig.json') },
      timeout: 20 * 60_000,
    },
  );
  if (worker.exitCode !== 0) throw new Error(`worker failed:\n${worker.output.slice(-4000)}`);
  const samples = JSON.parse(readFileSync(out, 'utf-8')) as Record<string, number[]>;
  const s = (key: string): Summary => summarize(samples[key] ?? []);

  // (a'), (b'): a fresh node process per call.
  log(`fresh node process per call (n=${N_PROCESS})`);
  const ctx = {
    root: ws.root,
    cwd: ws.root,
    projectName: app.name,
    targetName: 'compose-build',
    isVerbose: false,
    projectsConfigurations: { version: 2, projects: { [app.name]: { root: app.root } } },
  };
  const directScript = `const r=require('child_process').spawnSync('docker',['compose','-f',${JSON.stringify(composeFile)},'-p',${JSON.stringify(stack)},'build'],{cwd:${JSON.stringify(app.path)},stdio:'inherit'});process.exit(r.status)`;
  const executorScript = `require(${JSON.stringify(`${distDir}/src/executors/compose-build/executor.js`)}).default({},${JSON.stringify(ctx)}).then(r=>process.exit(r.success?0:1))`;
  const processSamples: Record<string, number[]> = { direct: [], executor: [] };
  for (let i = 0; i < N_PROCESS; i++) {
    const order: Array<['direct' | 'executor', string]> = [
      ['direct', directScript],
      ['executor', executorScript],
    ];
    if (i % 2 === 1) order.reverse();
    for (const [key, script] of order) {
      const r = await run(process.execPath, ['-e', script], { cwd: ws.root, env: benchEnv() });
      if (r.exitCode !== 0) throw new Error(`node -e (${key}) failed:\n${r.output.slice(-3000)}`);
      processSamples[key].push(r.ms);
    }
  }

  // (c): through Nx.
  log(`npx nx run (n=${N_NX})`);
  // One untimed run: it computes Nx's task hash for the first time and puts that content tag on.
  const nxWarmup = await ws.nx(['run', `${app.name}:compose-build`]);
  if (nxWarmup.exitCode !== 0) throw new Error(`nx run failed:\n${nxWarmup.output.slice(-4000)}`);
  const nxSamples: Record<string, number[]> = { run: [], skipSync: [], show: [] };
  const skippedInNx = { runs: 0, skipped: 0 };
  for (let i = 0; i < N_NX; i++) {
    const run = await ws.nx(['run', `${app.name}:compose-build`]);
    if (run.exitCode !== 0) throw new Error(`nx run failed:\n${run.output.slice(-4000)}`);
    nxSamples.run.push(run.ms);
    skippedInNx.runs++;
    if (/skipped the build/.test(run.output)) skippedInNx.skipped++;
    // The inferred target declares a sync generator; without the daemon, running it costs Nx a
    // second project-graph computation. --skipSync shows what that step costs.
    const noSync = await ws.nx(['run', `${app.name}:compose-build`, '--skipSync']);
    if (noSync.exitCode !== 0)
      throw new Error(`nx run --skipSync failed:\n${noSync.output.slice(-4000)}`);
    nxSamples.skipSync.push(noSync.ms);
    const show = await ws.nx(['show', 'projects']);
    if (show.exitCode !== 0)
      throw new Error(`nx show projects failed:\n${show.output.slice(-4000)}`);
    nxSamples.show.push(show.ms);
  }

  // Tables
  const a = s('build direct');
  const b = s('build executor');
  const skip = s('build executor, content tag present');
  // compose-build's own skip lines: compose-up's name its `nxup-` content tags instead.
  const workerSkips = (worker.output.match(/\(nx-[0-9a-z]+\); skipped the build/g) ?? []).length;
  const overhead = b.median - a.median;
  const verdictOf = (ms: number) =>
    ms <= TARGET_MS ? `PASS (<= ${TARGET_MS} ms)` : `FAIL (> ${TARGET_MS} ms)`;
  const verdict = verdictOf(overhead);
  const row = (label: string, sum: Summary, base?: Summary) => [
    label,
    ...timingCells(sum),
    base ? `${fmtMs(sum.median - base.median)}` : '',
    base ? fmtRatio(sum.median, base.median) : '',
  ];
  const header = ['measurement', 'n', 'median', 'min', 'max', 'minus baseline', 'ratio'];
  printTable(
    'executor-overhead: compose-build, cached (in-process executor vs direct compose)',
    header,
    [
      row('(a) docker compose build, direct [baseline]', a),
      row('(b) compose-build executor, in-process, no task hash (runs compose build)', b, a),
      row('(b) compose-build executor, in-process, content tag present (skips)', skip, a),
      row('(b) compose-build executor --dryRun, in-process', s('build executor dryRun')),
      row('docker compose version (the engine probe)', s('docker compose version')),
    ],
    [
      `Overhead = median(b, runs compose build) - median(a) = ${fmtMs(overhead)}, ratio ${fmtRatio(b.median, a.median)}: ${verdict}.`,
      `The content-tag path printed "skipped the build" ${workerSkips} time(s) in ${N + 2} calls (2 warm-up calls, of which the first may build).`,
    ],
  );
  const dn = s('down direct (nothing running)');
  const upD = s('up direct (up -d --wait)');
  const dn1 = s('down direct (1 running service)');
  printTable(
    'executor-overhead: compose-down and compose-up (in-process executor vs direct compose)',
    header,
    [
      row('docker compose down, nothing running [baseline]', dn),
      row('compose-down executor, nothing running', s('down executor (nothing running)'), dn),
      row('docker compose up -d --wait [baseline]', upD),
      row('compose-up executor (content tag present, up -d --wait + URLs)', s('up executor'), upD),
      row(
        'docker compose ps --all --format json (compose-up lists the URLs with it)',
        s('docker compose ps'),
      ),
      row('docker compose down, 1 running service [baseline]', dn1),
      row('compose-down executor, 1 running service', s('down executor (1 running service)'), dn1),
    ],
    [
      ['compose-down, nothing running', s('down executor (nothing running)'), dn] as const,
      ['compose-up', s('up executor'), upD] as const,
      ['compose-down, 1 running service', s('down executor (1 running service)'), dn1] as const,
    ].map(
      ([label, executor, direct]) =>
        `${label}: overhead ${fmtMs(executor.median - direct.median)}: ${verdictOf(executor.median - direct.median)}.`,
    ),
  );
  const pa = summarize(processSamples.direct);
  const nr = summarize(nxSamples.run);
  printTable(
    'executor-overhead: whole processes (start-up and module loading included)',
    header,
    [
      row("(a') node -e spawnSync(docker compose build) [baseline]", pa),
      row("(b') node -e require(executor)(...) ", summarize(processSamples.executor), pa),
      row('(c) npx nx run <p>:compose-build', nr, pa),
      row('(c) npx nx run <p>:compose-build --skipSync', summarize(nxSamples.skipSync), pa),
      row('npx nx show projects (Nx start-up + graph, no task)', summarize(nxSamples.show)),
    ],
    [
      `First require of each executor module in the worker: build ${fmtMs(samples['require compose-build']?.[0] ?? NaN)}, ` +
        `up ${fmtMs(samples['require compose-up']?.[0] ?? NaN)}, down ${fmtMs(samples['require compose-down']?.[0] ?? NaN)} (once per process; Nx pays it once per task process).`,
      `(c) skipped the build (content tag present) in ${skippedInNx.skipped} of ${skippedInNx.runs} runs; ` +
        `Nx's own share of (c) is about median(c) - median(b, content tag present) = ${fmtMs(nr.median - skip.median)} (start-up, graph, sync generators, hashing, task process).`,
    ],
  );
});
