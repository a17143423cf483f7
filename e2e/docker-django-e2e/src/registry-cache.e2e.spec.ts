// The build cache that survives a fresh CI runner (issue 13 item 2): a project generated with
// --registry takes its layer cache from the image compose-push sent, so an engine with no image
// and no build cache rebuilds the unchanged dependency layer from the registry. The "runner" is
// a private dockerd (tools/testing/fresh-engine.ts), emptied between builds; the registry is the
// local one (tools/engine/registry.sh). A project without --registry is the control.
import { uniqueName } from '../../../tools/testing/engine';
import { parseBuildkit } from '../../../tools/testing/buildkit';
import { startFreshEngine, type FreshEngine } from '../../../tools/testing/fresh-engine';
import { freePort } from '../../../tools/testing/net';
import {
  assertRegistryWorks,
  deleteRunFromRegistry,
  registryHost,
  registryTags,
} from '../../../tools/testing/registry';
import { describeFailure, type RunResult } from '../../../tools/testing/run';
import type { TestWorkspace } from '../../../tools/testing/workspace';
import { createDjangoApp } from './utils/affected-workspace';
import { PYTHON_VERSION } from './utils/base-images';
import { expectExitCode } from './utils/expect-exit-code';
import {
  assertBaseImages,
  createPluginWorkspace,
  FIXED_NX_VERSION,
  initGeneratorArgs,
} from './utils/plugin-workspace';

const prefix = uniqueName('dde2e', 'regcache');
const registry = `${registryHost}/${prefix}`;
const cached = `${prefix}-c`;
const plain = `${prefix}-p`;
let ws: TestWorkspace | undefined;
let engine: FreshEngine | undefined;
let cachedBuild: RunResult;
let plainBuild: RunResult;

function freshEngine(): FreshEngine {
  if (!engine) throw new Error('The fresh engine did not start (see the first failure).');
  return engine;
}

async function nxOnFreshEngine(args: string[]): Promise<RunResult> {
  if (!ws) throw new Error('The workspace was not set up (see the first failure).');
  const result = await ws.nx([...args, '--outputStyle=static'], {
    env: { DOCKER_HOST: freshEngine().host, DOCKER_DJANGO_REGISTRY: registry },
    timeout: 9 * 60 * 1000,
  });
  if (result.exitCode !== 0)
    throw new Error(describeFailure(result, `nx ${args.join(' ')} failed`));
  return result;
}

/** The BuildKit vertex of the dependency install step (pip into /install). */
function pipStep(output: string) {
  const step = parseBuildkit(output).find((v) => /pip install/.test(v.name) && /RUN/.test(v.name));
  if (!step) throw new Error(`No pip install step in the build output:\n${output.slice(-4000)}`);
  return step;
}

beforeAll(
  async () => {
    await assertBaseImages();
    await assertRegistryWorks();
    engine = await startFreshEngine();
    await engine.load([`python:${PYTHON_VERSION}-slim`]);
    ws = await createPluginWorkspace(FIXED_NX_VERSION);
    for (const [name, extra] of [
      [cached, ['--registry', registry]],
      [plain, []],
    ] as const) {
      await createDjangoApp(ws.root, name, `apps/${name}`, {
        'requirements.txt': 'Django>=4.2,<5\ngunicorn\nwhitenoise\n',
      });
      const init = await ws.nx(
        initGeneratorArgs(
          name,
          '--pythonVersion',
          PYTHON_VERSION,
          '--hostPort',
          String(await freePort()),
          ...extra,
        ),
      );
      if (init.exitCode !== 0) throw new Error(describeFailure(init, `init ${name} failed`));
    }
    // The first runner: builds both, pushes the project with the registry cache.
    await nxOnFreshEngine(['run', `${cached}:compose-push`]);
    await nxOnFreshEngine(['run', `${plain}:compose-build`]);
    // The next runner: no image, no build cache; only the base image.
    await engine.empty();
    plainBuild = await nxOnFreshEngine(['run', `${plain}:compose-build`]);
    // Emptied again: the control's layers would otherwise serve the same steps locally.
    await engine.empty();
    cachedBuild = await nxOnFreshEngine(['run', `${cached}:compose-build`]);
    // Three image builds, a push and an image load: more than the default hook time on a busy machine.
  },
  25 * 60 * 1000,
);

afterAll(async () => {
  await deleteRunFromRegistry(prefix).catch(() => undefined);
  await engine?.stop();
  ws?.dispose();
});

it('pushed the image the cache comes from', async () => {
  expect(await registryTags(`${prefix}/${cached}`)).toContain('latest');
});

it('on an emptied engine, takes the unchanged dependency layer from the registry cache', () => {
  expect(cachedBuild.output).toContain(
    `importing cache manifest from ${registry}/${cached}:latest`,
  );
  expect(pipStep(cachedBuild.output).cached).toBe(true);
});

it('without --registry, the same emptied engine installs the dependencies again', () => {
  expect(plainBuild.output).not.toContain('importing cache manifest');
  expect(pipStep(plainBuild.output).cached).toBe(false);
});

it('the image built from the registry cache runs Django as appuser', async () => {
  const ran = await freshEngine().docker([
    'run',
    '--rm',
    '--network',
    'none',
    '--entrypoint',
    'python',
    `${cached}:latest`,
    '-c',
    'import django, os; print(os.getuid(), django.VERSION[0])',
  ]);
  expectExitCode(ran, 0);
  expect(ran.stdout).toMatch(/^10001 4$/m);
});
