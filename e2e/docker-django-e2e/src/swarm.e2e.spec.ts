// Docker Swarm on the test engine: a two-app workspace (one with PostgreSQL) deployed with
// stack-deploy from the local registry (tools/engine/registry.sh), 3 replicas answering HTTP
// through the host-mode proxy, a rolling update that loses no request, a broken image rolled
// back, stack-rm leaving nothing. This kernel has no IPVS: the stack publishes in host mode.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { docker, dockerLines, uniqueName } from '../../../tools/testing/engine';
import { EngineSweep } from '../../../tools/testing/engine-sweep';
import { freePort } from '../../../tools/testing/net';
import type { NxProjectOnDisk } from '../../../tools/testing/projects';
import {
  assertRegistryWorks,
  deleteRunFromRegistry,
  registryHost,
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

const prefix = uniqueName('dde2e', 'swarm');
const sweep = new EngineSweep(prefix);
const shop = prefix; // with PostgreSQL, 3 replicas
const blog = `${prefix}-blog`; // no database
const registry = `${registryHost}/${prefix}`;
const ports: Record<string, number> = {};
let ws: TestWorkspace | undefined;
let shopProject: NxProjectOnDisk;

function workspace(): TestWorkspace {
  if (!ws) throw new Error('The workspace was not set up (see the first failure).');
  return ws;
}

const urls = (version: string) =>
  [
    'import socket',
    'from django.contrib import admin',
    'from django.http import HttpResponse',
    'from django.urls import path',
    '',
    `VERSION = "${version}"`,
    '',
    'def whoami(request):',
    '    return HttpResponse(f"{VERSION} {socket.gethostname()}")',
    '',
    'urlpatterns = [path("admin/", admin.site.urls), path("whoami/", whoami)]',
    '',
  ].join('\n');

function nx(args: string[]): Promise<RunResult> {
  return workspace().nx([...args, '--outputStyle=static'], {
    env: { DOCKER_DJANGO_REGISTRY: registry },
    timeout: 15 * 60 * 1000,
  });
}

async function get(port: number): Promise<{ status: number; body: string }> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/whoami/`, {
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { status: 0, body: String(error) };
  }
}

/** What `docker <kind> ls <extra>` lists of the stack's services or networks. */
function stackObjects(kind: 'service' | 'network', stack: string, ...extra: string[]) {
  return dockerLines([
    kind,
    'ls',
    '--filter',
    `label=com.docker.stack.namespace=${stack}`,
    ...extra,
  ]);
}

function stackServices(stack: string): Promise<string[]> {
  return stackObjects('service', stack, '--format', '{{.Name}} {{.Replicas}}');
}

async function addApp(name: string, root: string, database: boolean, replicas: number) {
  const project = await createDjangoApp(workspace().root, name, root, {
    'requirements.txt': `Django>=4.2,<5\ngunicorn\n${database ? 'psycopg2-binary\n' : ''}`,
  });
  writeFileSync(join(project.path, 'mysite/urls.py'), urls('v1'));
  ports[name] = await freePort();
  const init = await workspace().nx(
    initGeneratorArgs(
      name,
      '--pythonVersion',
      PYTHON_VERSION,
      '--hostPort',
      String(ports[name]),
      ...(database ? ['--database', 'postgres'] : []),
    ),
  );
  if (init.exitCode !== 0) throw new Error(describeFailure(init, `init ${name} failed`));
  const swarm = await workspace().nx([
    'g',
    'docker-django:swarm',
    '--project',
    name,
    '--replicas',
    String(replicas),
  ]);
  if (swarm.exitCode !== 0) throw new Error(describeFailure(swarm, `swarm ${name} failed`));
  return project;
}

beforeAll(async () => {
  await assertBaseImages({ postgres: true });
  await assertRegistryWorks();
  // A manager already (an earlier run, another suite) is kept; compose works on a manager.
  const state = (await docker(['info', '--format', '{{.Swarm.LocalNodeState}}'])).stdout.trim();
  if (state !== 'active') {
    const init = await docker(['swarm', 'init', '--advertise-addr', '127.0.0.1']);
    if (init.exitCode !== 0) throw new Error(describeFailure(init, 'docker swarm init failed'));
  }
  ws = await createPluginWorkspace(FIXED_NX_VERSION);
  shopProject = await addApp(shop, 'apps/shop', true, 3);
  await addApp(blog, 'apps/blog', false, 2);
  await git(ws.root, ['init', '--quiet', '--initial-branch=main']);
  await commit(ws.root, ['.'], 'initial');
});

afterAll(async () => {
  for (const stack of [shop, blog]) await docker(['stack', 'rm', stack]).catch(() => undefined);
  // Services go first; then the volumes and images can go with the sweep.
  for (
    let i = 0;
    i < 30 && (await stackServices(shop)).length + (await stackServices(blog)).length;
    i++
  )
    await new Promise((done) => setTimeout(done, 2000));
  await deleteRunFromRegistry(prefix).catch(() => undefined);
  await sweep.sweep();
  ws?.dispose();
});

it('stack-deploy pushes both apps and deploys them: 3 replicas of the server answer through the proxy', async () => {
  const deployed = await nx(['run-many', '-t', 'stack-deploy', '-p', shop, blog, '--parallel=1']);
  expectExitCode(deployed, 0);
  expect(deployed.output).toContain(`nx run ${shop}:compose-push`);
  expect(deployed.output).toMatch(/docker stack deploy --compose-file \S+ --with-registry-auth/);
  expect(deployed.output).toContain(`Stack "${shop}" converged.`);
  expect((await stackServices(shop)).sort()).toEqual(
    [
      `${shop}_db 1/1`,
      `${shop}_migrate 0/1 (1/1 completed)`,
      `${shop}_proxy 1/1`,
      `${shop}_server 3/3`,
    ].sort(),
  );
  const answers = await Promise.all(Array.from({ length: 30 }, () => get(ports[shop])));
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
  const replicas = new Set(answers.map((a) => a.body.split(' ')[1]));
  expect(replicas.size).toBe(3);
  expect(answers.every((a) => a.body.startsWith('v1 '))).toBe(true);
  expect((await get(ports[blog])).status).toBe(200);
});

it('rolls the server to a changed image with no failed request on localhost', async () => {
  writeFileSync(join(shopProject.path, 'mysite/urls.py'), urls('v2'));
  await commit(workspace().root, ['.'], 'v2');
  let deploying = true;
  const statuses: number[] = [];
  const loop = (async () => {
    // Bounded: until the deploy ends, at most 3000 requests.
    while (deploying && statuses.length < 3000) {
      statuses.push((await get(ports[shop])).status);
      await new Promise((done) => setTimeout(done, 50));
    }
  })();
  const deployed = await nx(['run', `${shop}:stack-deploy`]);
  deploying = false;
  await loop;
  expectExitCode(deployed, 0);
  expect(statuses.length).toBeGreaterThan(20);
  expect(statuses.filter((s) => s !== 200)).toEqual([]);
  const after = await Promise.all(Array.from({ length: 12 }, () => get(ports[shop])));
  expect(after.every((a) => a.status === 200 && a.body.startsWith('v2 '))).toBe(true);
});

it('rolls a broken image back and names the failed task', async () => {
  appendFileSync(
    join(shopProject.path, 'mysite/wsgi.py'),
    '\nraise RuntimeError("broken on purpose")\n',
  );
  await commit(workspace().root, ['.'], 'broken');
  const deployed = await nx(['run', `${shop}:stack-deploy`, '--timeout=420']);
  expect(deployed.exitCode).not.toBe(0);
  expect(deployed.output).toMatch(new RegExp(`${shop}_server \\(update rollback completed`));
  expect(deployed.output).toMatch(/CURRENT STATE/);
  const after = await Promise.all(Array.from({ length: 6 }, () => get(ports[shop])));
  expect(after.every((a) => a.status === 200 && a.body.startsWith('v2 '))).toBe(true);
});

it('stack-rm removes every service and network of both stacks', async () => {
  const removed = await nx(['run-many', '-t', 'stack-rm', '-p', shop, blog]);
  expectExitCode(removed, 0);
  for (const stack of [shop, blog]) {
    expect(await stackServices(stack)).toEqual([]);
    expect(await stackObjects('network', stack, '-q')).toEqual([]);
  }
});

it('compose-up --scale server=3 behind the init --proxy proxy: requests spread over the replicas', async () => {
  const init = await workspace().nx(
    initGeneratorArgs(
      blog,
      '--pythonVersion',
      PYTHON_VERSION,
      '--hostPort',
      String(ports[blog]),
      '--proxy',
      '--overwrite',
    ),
  );
  expectExitCode(init, 0);
  sweep.composeProject(blog);
  const up = await nx(['run', `${blog}:compose-up`, '--scale', 'server=3']);
  try {
    expectExitCode(up, 0);
    expect(up.output).toMatch(/up -d --wait --scale server=3/);
    const answers = await Promise.all(Array.from({ length: 30 }, () => get(ports[blog])));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(new Set(answers.map((a) => a.body.split(' ')[1])).size).toBeGreaterThan(1);
  } finally {
    await nx(['run', `${blog}:compose-down`, '--volumes']);
  }
});
