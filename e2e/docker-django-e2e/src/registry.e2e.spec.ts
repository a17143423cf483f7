// compose-push against a real registry: Debian's docker-registry on 127.0.0.1:5000
// (tools/engine/registry.sh), plus a read-only and a password-protected one started for the
// failure cases. A real workspace, the real Nx CLI, real pushes and pulls.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, uniqueName } from '../../../tools/testing/engine';
import { EngineSweep } from '../../../tools/testing/engine-sweep';
import { freePort } from '../../../tools/testing/net';
import type { NxProjectOnDisk } from '../../../tools/testing/projects';
import {
  assertRegistryWorks,
  deleteRunFromRegistry,
  manifestDigest,
  registryHost,
  registryTags,
  startExtraRegistry,
  TEST_REGISTRY_PASSWORD,
  TEST_REGISTRY_USER,
  type ExtraRegistry,
} from '../../../tools/testing/registry';
import { describeFailure, type RunResult } from '../../../tools/testing/run';
import type { TestWorkspace } from '../../../tools/testing/workspace';
import { commit, createDjangoApp, git } from './utils/affected-workspace';
import { PYTHON_VERSION } from './utils/base-images';
import { expectExitCode } from './utils/expect-exit-code';
import {
  assertBaseImages,
  createPluginWorkspace,
  FIXED_NX_VERSION,
  initGeneratorArgs,
} from './utils/plugin-workspace';

const prefix = uniqueName('dde2e', 'registry');
const sweep = new EngineSweep(prefix);
// The app is named with the run's prefix, and so is the namespace it is pushed under.
const app = prefix;
const registry = `${registryHost}/${prefix}`;
const repository = `${prefix}/${app}`;
const extraRegistries: ExtraRegistry[] = [];
let ws: TestWorkspace | undefined;
let project: NxProjectOnDisk;
let dockerConfig = '';
let firstPush: RunResult;
let commitShort = '';

function workspace(): TestWorkspace {
  if (!ws) throw new Error('The workspace was not set up (see the first failure).');
  return ws;
}

/** compose-push with an empty docker config (no login) unless another is given. */
function push(args: string[] = [], env: Record<string, string> = {}): Promise<RunResult> {
  return workspace().nx(['run', `${app}:compose-push`, '--outputStyle=static', ...args], {
    env: { DOCKER_CONFIG: dockerConfig, ...env },
    timeout: 9 * 60 * 1000,
  });
}

function contentTagOf(tags: string[]): string {
  const content = tags.filter((tag) => tag.startsWith('nx-'));
  if (content.length !== 1) throw new Error(`Expected one content tag in ${tags.join(', ')}.`);
  return content[0];
}

beforeAll(async () => {
  await assertBaseImages();
  await assertRegistryWorks();
  dockerConfig = mkdtempSync(join(tmpdir(), 'dde2e-docker-config-'));
  ws = await createPluginWorkspace(FIXED_NX_VERSION);
  project = await createDjangoApp(ws.root, app, 'apps/shop', {
    'requirements.txt': 'Django>=4.2,<5\ngunicorn\n',
  });
  const init = await ws.nx(
    initGeneratorArgs(
      app,
      '--pythonVersion',
      PYTHON_VERSION,
      '--hostPort',
      String(await freePort()),
    ),
  );
  if (init.exitCode !== 0) throw new Error(describeFailure(init, 'init failed'));
  await git(ws.root, ['init', '--quiet', '--initial-branch=main']);
  await commit(ws.root, ['.'], 'initial');
  commitShort = await git(ws.root, ['rev-parse', '--short=12', 'HEAD']);
  firstPush = await push([], { DOCKER_DJANGO_REGISTRY: registry });
});

afterAll(async () => {
  for (const extra of extraRegistries) await extra.stop();
  await deleteRunFromRegistry(prefix).catch(() => undefined);
  await sweep.sweep();
  if (dockerConfig) rmSync(dockerConfig, { recursive: true, force: true });
  ws?.dispose();
});

it('builds, then pushes the content, commit and latest tags to the registry from DOCKER_DJANGO_REGISTRY', async () => {
  expectExitCode(firstPush, 0);
  expect(firstPush.output).toContain(`nx run ${app}:compose-build`);
  const tags = await registryTags(repository);
  expect(tags.sort()).toEqual([contentTagOf(tags), `sha-${commitShort}`, 'latest'].sort());
  const digests = await Promise.all(tags.map((tag) => manifestDigest(repository, tag)));
  expect(new Set(digests).size).toBe(1);
  // The registry names were only for the push.
  const local = await docker(['image', 'ls', '--format', '{{.Repository}}', `${registry}/${app}`]);
  expect(local.stdout.trim()).toBe('');
});

it('skips a second push: the registry already holds the content tag', async () => {
  const again = await push(['--registry', registry]);
  expectExitCode(again, 0);
  expect(again.output).toMatch(/is already in the registry; not pushed again/);
  expect(again.output).not.toMatch(/^\[docker-django\] docker push /m);
});

it('asks the registry, not a memory: a content tag deleted there is pushed again', async () => {
  const content = contentTagOf(await registryTags(repository));
  const digest = await manifestDigest(repository, content);
  const deleted = await fetch(`http://${registryHost}/v2/${repository}/manifests/${digest}`, {
    method: 'DELETE',
  });
  expect(deleted.status).toBe(202);
  expect(await registryTags(repository)).toEqual([]);
  const again = await push(['--registry', registry]);
  expectExitCode(again, 0);
  expect(again.output).toMatch(new RegExp(`docker push ${registry}/${app}:${content}`));
  expect((await registryTags(repository)).sort()).toEqual(
    [content, `sha-${commitShort}`, 'latest'].sort(),
  );
});

it('fails clearly when the registry does not answer', async () => {
  const port = await freePort(19000, 19999);
  const result = await push(['--registry', `127.0.0.1:${port}`]);
  expectExitCode(result, 'non-zero');
  expect(result.output).toMatch(/Registry "127\.0\.0\.1:\d+" does not answer \(ECONNREFUSED\)/);
});

it('fails clearly when the registry rejects the push (read-only registry)', async () => {
  const readOnly = await startExtraRegistry('readOnly');
  extraRegistries.push(readOnly);
  const result = await push(['--registry', readOnly.host]);
  expectExitCode(result, 'non-zero');
  expect(result.output).toMatch(
    new RegExp(`Registry "${readOnly.host}" rejected the push of ${readOnly.host}/${app}:nx-`),
  );
  expect(result.output).toContain('405');
});

it('fails clearly without a login, and pushes with the login docker stored', async () => {
  const guarded = await startExtraRegistry('password');
  extraRegistries.push(guarded);
  const refused = await push(['--registry', guarded.host]);
  expectExitCode(refused, 'non-zero');
  expect(refused.output).toMatch(new RegExp(`Registry "${guarded.host}" refused`));
  expect(refused.output).toContain(`docker login ${guarded.host}`);

  const loggedIn = mkdtempSync(join(tmpdir(), 'dde2e-docker-login-'));
  try {
    const auth = Buffer.from(`${TEST_REGISTRY_USER}:${TEST_REGISTRY_PASSWORD}`).toString('base64');
    writeFileSync(
      join(loggedIn, 'config.json'),
      JSON.stringify({ auths: { [guarded.host]: { auth } } }),
    );
    const pushed = await push(['--registry', guarded.host], { DOCKER_CONFIG: loggedIn });
    expectExitCode(pushed, 0);
    expect(pushed.output).not.toContain(TEST_REGISTRY_PASSWORD);
    const again = await push(['--registry', guarded.host], { DOCKER_CONFIG: loggedIn });
    expect(again.output).toMatch(/is already in the registry; not pushed again/);
  } finally {
    rmSync(loggedIn, { recursive: true, force: true });
  }
});

it('pulls the pushed image into an engine that no longer has it, and the image runs', async () => {
  const content = contentTagOf(await registryTags(repository));
  const remote = `${registry}/${app}:${content}`;
  const removed = await docker(['image', 'rm', '-f', `${app}:latest`, `${app}:${content}`]);
  expectExitCode(removed, 0);
  expectExitCode(await docker(['image', 'inspect', `${app}:${content}`]), 'non-zero');
  try {
    const pulled = await docker(['pull', remote]);
    if (pulled.exitCode !== 0) throw new Error(describeFailure(pulled, 'docker pull failed'));
    const ran = await docker([
      'run',
      '--rm',
      '--network',
      'none',
      '--entrypoint',
      'python',
      remote,
      '-c',
      'import django, os; print(os.getuid(), django.VERSION[0])',
    ]);
    expectExitCode(ran, 0);
    expect(ran.stdout).toMatch(/^10001 4$/m);
  } finally {
    await docker(['image', 'rm', remote]);
  }
  expect(project.name).toBe(app);
});
