// image: the image the generated Dockerfile produces, against the `docker init` baseline.
//
// Why: the generator's Dockerfile is multi-stage (dependencies installed in a builder stage,
// copied into a slim runtime), runs as a non-root user, collects static files at build time
// and orders its steps so a source edit re-runs only what follows the source copy. The plain
// single-stage Dockerfile `docker init` writes (bench/baseline/Dockerfile, after the seed
// /work/shared/seed/docker-basics.md, FROM python:3.13-slim) is what a user would otherwise
// have. This benchmark compares image size, cold build time, and what a one-line source edit
// re-runs, on the same Django project.
//
// Measured on one `django-admin startproject setup` project (requirements: Django, gunicorn):
//   - generated: `nx g docker-django:init --pythonVersion 3.13` (Dockerfile + .dockerignore);
//   - baseline: bench/baseline/Dockerfile + bench/baseline/dockerignore (docker init's).
// Each is built with `docker build --progress=plain`: cold with `--no-cache` (n runs, variants
// alternating), then after appending one comment line to setup/urls.py (n edits), counting the
// Dockerfile steps BuildKit did not report CACHED (FROM lines excluded: BuildKit never reports
// a local base image as CACHED) and whether any step before the source COPY re-ran.
import { cpSync, appendFileSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerfileSteps, type Step } from '../tools/testing/buildkit';
import { assertDockerWorks, assertImagePresent, uniqueName } from '../tools/testing/engine';
import { EngineSweep } from '../tools/testing/engine-sweep';
import { imageLayers, imageSize } from '../tools/testing/images';
import { log } from '../tools/testing/log';
import { run } from '../tools/testing/run';
import { summarize } from '../tools/testing/timing';
import { benchEnv, envInt } from './lib/env';
import { main } from './lib/main';
import { fmtBytes, fmtRatio, printTable, timingCells } from './lib/report';
import { addDjangoApp, assertDistBuilt, createWorkspace, initApp } from './lib/workspace';

const N = envInt('BENCH_N', 3);
const N_EDIT = envInt('BENCH_N_EDIT', 3);
const BASE_IMAGE = 'python:3.13-slim';

type Variant = 'generated (nx g docker-django:init)' | 'docker init baseline';

const isSourceCopy = (s: Step) => /^COPY (--chown=\S+ )?\. \.$/.test(s.instruction);
const isFrom = (s: Step) => /^FROM /.test(s.instruction);

/** The steps that re-ran, and whether any of them comes before the source COPY. */
function rerun(steps: Step[]): { rerun: Step[]; beforeCopy: Step[] } {
  const copy = steps.find(isSourceCopy);
  if (!copy)
    throw new Error(
      `No \`COPY . .\` step in the build output: ${steps.map((s) => s.instruction).join(' | ')}`,
    );
  const rerunSteps = steps.filter((s) => !s.cached && !isFrom(s));
  // Before the source copy: any step of another stage (the builder feeds the runtime before the
  // copy) or of the copy's own stage with a lower index.
  const beforeCopy = rerunSteps.filter((s) => s.stage !== copy.stage || s.index < copy.index);
  return { rerun: rerunSteps, beforeCopy };
}

function short(step: Step): string {
  const text =
    step.instruction.length > 40 ? `${step.instruction.slice(0, 37)}...` : step.instruction;
  return `${step.stage ? `${step.stage} ` : ''}${step.index}/${step.of} ${text}`;
}

main('image', async (cleanup) => {
  assertDistBuilt();
  await assertDockerWorks();
  await assertImagePresent(BASE_IMAGE);
  const prefix = uniqueName('bench', 'img');
  const sweep = new EngineSweep(prefix).register(cleanup);

  const ws = await createWorkspace(cleanup, 'img');
  const app = await addDjangoApp(ws, `${prefix}-app`, { module: 'setup' });
  const scratch = mkdtempSync(join(tmpdir(), 'bench-img-'));
  cleanup.add('remove build folders', () => rmSync(scratch, { recursive: true, force: true }));

  const dirs: Record<Variant, string> = {
    'generated (nx g docker-django:init)': join(scratch, 'generated'),
    'docker init baseline': join(scratch, 'baseline'),
  };
  const tags: Record<Variant, string> = {
    'generated (nx g docker-django:init)': `${prefix}-generated:latest`,
    'docker init baseline': `${prefix}-baseline:latest`,
  };
  // The same project twice: as startproject left it plus the baseline files, and after init.
  cpSync(app.path, dirs['docker init baseline'], { recursive: true });
  copyFileSync(
    join(__dirname, 'baseline', 'Dockerfile'),
    join(dirs['docker init baseline'], 'Dockerfile'),
  );
  copyFileSync(
    join(__dirname, 'baseline', 'dockerignore'),
    join(dirs['docker init baseline'], '.dockerignore'),
  );
  await initApp(ws, app);
  cpSync(app.path, dirs['generated (nx g docker-django:init)'], { recursive: true });

  const build = async (variant: Variant, noCache: boolean) => {
    const r = await run(
      'docker',
      [
        'build',
        ...(noCache ? ['--no-cache'] : []),
        '--progress=plain',
        ...sweep.labelArgs(),
        '-t',
        tags[variant],
        '.',
      ],
      { cwd: dirs[variant], env: benchEnv(), timeout: 20 * 60_000 },
    );
    if (r.exitCode !== 0)
      throw new Error(`docker build (${variant}) failed:\n${r.output.slice(-4000)}`);
    await sweep.track(tags[variant]);
    return r;
  };

  const variants: Variant[] = ['generated (nx g docker-django:init)', 'docker init baseline'];
  const cold: Record<string, number[]> = {};
  const coldSteps: Record<string, number> = {};
  for (let i = 0; i < N; i++) {
    for (const variant of i % 2 === 0 ? variants : [...variants].reverse()) {
      log(`cold build, ${variant} #${i + 1}`);
      const r = await build(variant, true);
      (cold[variant] ??= []).push(r.ms);
      const steps = dockerfileSteps(r.output).filter((s) => !isFrom(s));
      if (i === 0) log(`  steps: ${steps.map(short).join(' | ')}`);
      coldSteps[variant] = steps.length;
    }
  }
  const baseSize = await imageSize(BASE_IMAGE);
  const sizes: Record<string, { size: number; layers: number }> = {};
  for (const variant of variants) {
    sizes[variant] = {
      size: await imageSize(tags[variant]),
      layers: await imageLayers(tags[variant]),
    };
  }

  // No-op rebuild (everything must come from the cache), then the edits.
  const noop: Record<string, number> = {};
  for (const variant of variants) {
    const r = await build(variant, false);
    noop[variant] = dockerfileSteps(r.output).filter((s) => !s.cached && !isFrom(s)).length;
  }
  const edit: Record<
    string,
    { ms: number[]; rerun: number[]; names: Set<string>; before: Set<string> }
  > = {};
  for (let k = 0; k < N_EDIT; k++) {
    for (const variant of k % 2 === 0 ? variants : [...variants].reverse()) {
      log(`one-line edit, ${variant} #${k + 1}`);
      appendFileSync(join(dirs[variant], 'setup', 'urls.py'), `# bench edit ${k + 1}\n`);
      const r = await build(variant, false);
      const { rerun: again, beforeCopy } = rerun(dockerfileSteps(r.output));
      const e = (edit[variant] ??= { ms: [], rerun: [], names: new Set(), before: new Set() });
      e.ms.push(r.ms);
      e.rerun.push(again.length);
      again.forEach((s) => e.names.add(short(s)));
      beforeCopy.forEach((s) => e.before.add(short(s)));
    }
  }

  const base = 'docker init baseline';
  const gen = 'generated (nx g docker-django:init)';
  const coldBase = summarize(cold[base]);
  printTable(
    'image: image size and cold build (docker build --no-cache)',
    [
      'Dockerfile',
      'image size',
      'over base image',
      'layers',
      'steps',
      'n',
      'median',
      'min',
      'max',
      'ratio',
    ],
    [gen, base].map((v) => [
      v + (v === base ? ' [baseline]' : ''),
      fmtBytes(sizes[v].size),
      fmtBytes(sizes[v].size - baseSize),
      String(sizes[v].layers),
      String(coldSteps[v]),
      ...timingCells(summarize(cold[v])),
      v === base ? '' : fmtRatio(summarize(cold[v]).median, coldBase.median),
    ]),
    [
      `Base image ${BASE_IMAGE} (local stand-in): ${fmtBytes(baseSize)}. Sizes from \`docker image inspect -f {{.Size}}\`; steps exclude FROM.`,
    ],
  );
  const editBase = summarize(edit[base].ms);
  printTable(
    'image: rebuild after a one-line edit of setup/urls.py (docker build, cache warm)',
    [
      'Dockerfile',
      'steps re-run (median of n)',
      'which',
      'a step before the source COPY re-ran?',
      'n',
      'median',
      'min',
      'max',
      'ratio',
    ],
    [gen, base].map((v) => [
      v + (v === base ? ' [baseline]' : ''),
      `${summarize(edit[v].rerun).median} of ${coldSteps[v]}`,
      [...edit[v].names].join('; '),
      edit[v].before.size === 0 ? 'no' : `YES: ${[...edit[v].before].join('; ')}`,
      ...timingCells(summarize(edit[v].ms)),
      v === base ? '' : fmtRatio(summarize(edit[v].ms).median, editBase.median),
    ]),
    [
      `No-op rebuild (no edit): ${noop[gen]} step(s) re-ran for the generated Dockerfile, ${noop[base]} for the baseline.`,
    ],
  );
});
