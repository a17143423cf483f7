// registry-cache: a cold rebuild on an emptied engine (what a fresh CI runner does), with and
// without the build cache from the registry that `init --registry` writes.
//
// Why: CI runners start with an empty engine, so every build installs the dependencies again
// unless the cache comes from somewhere that survives the runner. With --registry the compose
// file takes `cache_from: <registry>/<app>:latest` and inlines the cache in every image
// (BUILDKIT_INLINE_CACHE=1); compose-push sends that image.
//
// Measured, side by side in one run, on a private dockerd (tools/testing/fresh-engine.ts: the
// shared engine's build cache may not be pruned) holding only the base image:
//   - `nx run <app>:compose-build` of an app generated with --registry, after its image was
//     pushed once, each time on an engine emptied of images and build cache;
//   - the same for an identical app generated without --registry [baseline].
// Rounds alternate the order. BENCH_N rounds (default 3).
import { assertDockerWorks, assertImagePresent, uniqueName } from '../tools/testing/engine';
import { parseBuildkit } from '../tools/testing/buildkit';
import { startFreshEngine } from '../tools/testing/fresh-engine';
import { log } from '../tools/testing/log';
import {
  assertRegistryWorks,
  deleteRunFromRegistry,
  registryHost,
} from '../tools/testing/registry';
import type { RunResult } from '../tools/testing/run';
import { fmtMs, summarize } from '../tools/testing/timing';
import { envInt } from './lib/env';
import { main } from './lib/main';
import { fmtRatio, printTable, timingCells } from './lib/report';
import { addDjangoApp, assertDistBuilt, createWorkspace, initApp } from './lib/workspace';

const N = envInt('BENCH_N', 3);
const BASE_IMAGE = 'python:3.13-slim';
const REQUIREMENTS = 'Django>=4.2,<5\ngunicorn\nwhitenoise\npsycopg2-binary\n';

main('registry-cache', async (cleanup) => {
  assertDistBuilt();
  await assertDockerWorks();
  await assertImagePresent(BASE_IMAGE);
  await assertRegistryWorks();
  const prefix = uniqueName('bench', 'rc');
  const registry = `${registryHost}/${prefix}`;
  cleanup.add(`delete ${registry} from the registry`, () => deleteRunFromRegistry(prefix));

  const engine = await startFreshEngine();
  cleanup.add(`stop the fresh engine ${engine.host}`, () => engine.stop());
  await engine.load([BASE_IMAGE]);

  const ws = await createWorkspace(cleanup, 'rc');
  const withCache = await addDjangoApp(ws, `${prefix}-c`, { requirements: REQUIREMENTS });
  const without = await addDjangoApp(ws, `${prefix}-p`, { requirements: REQUIREMENTS });
  await initApp(ws, withCache, ['--registry', registry]);
  await initApp(ws, without);

  const onEngine = { env: { DOCKER_HOST: engine.host, DOCKER_DJANGO_REGISTRY: registry } };
  const nx = async (args: string[]): Promise<RunResult> => {
    const r = await ws.nx([...args, '--outputStyle=static'], onEngine);
    if (r.exitCode !== 0) throw new Error(`nx ${args.join(' ')} failed:\n${r.output.slice(-4000)}`);
    return r;
  };
  const pipCached = (r: RunResult) =>
    parseBuildkit(r.output).find((v) => /RUN .*pip install/.test(v.name))?.cached === true;

  log('first runner: build and push the app with the registry cache');
  const first = await nx(['run', `${withCache.name}:compose-push`]);

  const runs = { cache: [] as number[], none: [] as number[] };
  const cachedPip = { cache: 0, none: 0 };
  for (let i = 0; i < N; i++) {
    const steps: Array<['cache' | 'none', string]> = [
      ['cache', withCache.name],
      ['none', without.name],
    ];
    if (i % 2 === 1) steps.reverse();
    for (const [kind, app] of steps) {
      await engine.empty();
      log(
        `round ${i + 1}/${N}: cold compose-build of ${kind === 'cache' ? 'the --registry app' : 'the plain app'}`,
      );
      const r = await nx(['run', `${app}:compose-build`]);
      runs[kind].push(r.ms);
      if (pipCached(r)) cachedPip[kind]++;
    }
  }

  const none = summarize(runs.none);
  const cache = summarize(runs.cache);
  printTable(
    'registry-cache: cold rebuild on an emptied engine (no image, no build cache)',
    ['measurement', 'n', 'median', 'min', 'max', 'ratio'],
    [
      ['nx run app:compose-build, no registry cache [baseline]', ...timingCells(none), ''],
      [
        'nx run app:compose-build, cache_from the registry (inline cache)',
        ...timingCells(cache),
        fmtRatio(cache.median, none.median),
      ],
    ],
    [
      `Requirements: ${REQUIREMENTS.trim().split('\n').join(', ')} (from the stand-in's offline index); base ${BASE_IMAGE} loaded into a private dockerd, which is emptied (images and build cache) before every build.`,
      `The pip install step was reported CACHED in ${cachedPip.cache}/${N} builds with the registry cache and ${cachedPip.none}/${N} without.`,
      `First build and push of the --registry app (the runner that fills the registry): ${fmtMs(first.ms)}.`,
      "The registry is Debian's docker-registry on 127.0.0.1 (no network latency); a remote registry adds the download of the cached layers.",
    ],
  );
});
