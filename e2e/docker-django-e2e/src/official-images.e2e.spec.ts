// Fidelity of the base images: every behaviour of the official python:*-slim and postgres
// images that the generated files depend on, checked on the images in the engine. Here those
// are the offline stand-ins of tools/engine/setup.sh; with DOCKER_DJANGO_E2E_IMAGES=official
// the same tests run on the official images, and must pass there unchanged. A stand-in kinder
// than the image it replaces would turn these red. Table: docs/official-images.md.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertDockerWorks, docker, uniqueName } from '../../../tools/testing/engine';
import { cleanEnv } from '../../../tools/testing/env';
import { removeImageTags } from '../../../tools/testing/images';
import { run, type RunResult } from '../../../tools/testing/run';
import {
  OLDER_PYTHON_VERSION,
  POSTGRES_DEFAULT_MAJOR,
  POSTGRES_OLD_LAYOUT_MAJOR,
  PYTHON_VERSION,
} from './utils/base-images';
import { expectExitCode } from './utils/expect-exit-code';

const PYTHON_IMAGES = [`python:${PYTHON_VERSION}-slim`, `python:${OLDER_PYTHON_VERSION}-slim`];
const POSTGRES_18 = `postgres:${POSTGRES_DEFAULT_MAJOR}`;
const POSTGRES_17 = `postgres:${POSTGRES_OLD_LAYOUT_MAJOR}`;

const builtImages: string[] = [];
const containers: string[] = [];
const volumes: string[] = [];
const contexts: string[] = [];

/** `docker build` of a Dockerfile text with BuildKit, plain progress, into a fresh tag. */
async function build(dockerfile: string, label: string): Promise<RunResult & { tag: string }> {
  const context = mkdtempSync(join(tmpdir(), 'dd-fidelity-'));
  contexts.push(context);
  writeFileSync(join(context, 'Dockerfile'), dockerfile);
  const tag = `${uniqueName('fidelity', label)}:test`;
  builtImages.push(tag.split(':')[0]);
  const result = await run(
    'docker',
    // --no-cache: each test is about what the image does now, not a layer an earlier run left.
    ['build', '--progress=plain', '--pull=false', '--no-cache', '-t', tag, context],
    { cwd: context, env: cleanEnv({ DOCKER_BUILDKIT: '1' }), timeout: 10 * 60 * 1000 },
  );
  return { ...result, tag };
}

/** `docker run --rm` of a shell command in an image, as the image's user unless `user` says. */
function sh(image: string, script: string, user?: string): Promise<RunResult> {
  return docker(['run', '--rm', ...(user ? ['--user', user] : []), image, 'sh', '-c', script]);
}

/** `pip install` in a throwaway container of the image, against whatever index its pip uses. */
function pipInstall(image: string, args: string[]): Promise<RunResult> {
  return docker(['run', '--rm', image, 'python', '-m', 'pip', 'install', ...args]);
}

/** A fresh named volume, removed after the suite. */
function volume(label: string): string {
  const name = uniqueName('fidelity', label);
  volumes.push(name);
  return name;
}

/** Starts a postgres container and returns its name (removed after the suite). */
async function startPostgres(
  image: string,
  args: string[],
): Promise<{ name: string; result: RunResult }> {
  const name = uniqueName('fidelity-pg', image);
  containers.push(name);
  const result = await docker(['run', '-d', '--name', name, ...args, image]);
  return { name, result };
}

/** Waits until a container has exited and returns its exit code and logs. */
async function waitForExit(name: string): Promise<{ code: number; logs: string }> {
  const waited = await docker(['wait', name], { timeout: 2 * 60 * 1000 });
  const logs = await docker(['logs', name]);
  return { code: Number(waited.stdout.trim()), logs: logs.output };
}

/**
 * Waits until a postgres container on a fresh volume serves for real. The entrypoint's
 * temporary server of the first start also answers pg_isready on its socket (initdb.d scripts
 * still to run, then a stop), so readiness counts only after the entrypoint's "init process
 * complete" line, and then the final server must accept connections.
 */
async function waitForPostgres(name: string, user = 'postgres'): Promise<RunResult> {
  let last: RunResult | undefined;
  for (let i = 0; i < 120; i++) {
    const logs = await docker(['logs', name]);
    if (logs.output.includes('PostgreSQL init process complete')) {
      last = await docker(['exec', name, 'pg_isready', '-U', user]);
      if (last.exitCode === 0) return last;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return last ?? docker(['exec', name, 'pg_isready', '-U', user]);
}

beforeAll(() => assertDockerWorks());

afterAll(async () => {
  for (const name of containers) await docker(['rm', '-f', '-v', name]);
  for (const name of volumes) await docker(['volume', 'rm', '-f', name]);
  await removeImageTags(builtImages, { force: true });
  for (const context of contexts) rmSync(context, { recursive: true, force: true });
});

describe.each(PYTHON_IMAGES)('%s behaves as the official slim image', (image) => {
  it('has no adduser: the docker init style `RUN adduser ...` fails to build with "adduser: not found"', async () => {
    // The runtime stage of the seed document's (and `docker init`'s) Dockerfile.
    const result = await build(
      [
        `FROM ${image}`,
        'ARG UID=10001',
        'RUN adduser --disabled-password --gecos "" --home "/nonexistent" --shell "/sbin/nologin" --no-create-home --uid "${UID}" appuser',
        '',
      ].join('\n'),
      'adduser',
    );
    expectExitCode(result, 'non-zero');
    expect(result.output).toMatch(/adduser: not found/);
  });

  it('has useradd and groupadd, the tools the generated Dockerfile creates appuser with', async () => {
    const result = await sh(image, 'command -v useradd && command -v groupadd');
    expectExitCode(result, 0);
  });

  it.each(['curl', 'gcc', 'cc', 'git', 'pg_config'])('has no %s', async (tool) => {
    const result = await sh(image, `command -v ${tool}`);
    expectExitCode(result, 'non-zero');
  });

  it('has no libpq (psycopg without its binary build cannot load)', async () => {
    const result = await sh(
      image,
      'ls /usr/lib/*/libpq.so* /usr/lib/libpq.so* /usr/local/lib/libpq.so* 2>/dev/null',
    );
    expectExitCode(result, 'non-zero');
  });

  it('has python, python3, pip and pip3 on PATH', async () => {
    const result = await sh(
      image,
      'python --version && python3 --version && pip --version && pip3 --version',
    );
    expectExitCode(result, 0);
    expect(result.stdout).toContain(`Python ${image.split(':')[1].replace('-slim', '')}.`);
  });

  it('has no Django, gunicorn or psycopg preinstalled: pip must install them', async () => {
    for (const module of ['django', 'gunicorn', 'psycopg2', 'psycopg']) {
      const result = await docker(['run', '--rm', image, 'python', '-c', `import ${module}`]);
      expectExitCode(result, 'non-zero');
      expect(result.output).toMatch(/ModuleNotFoundError/);
    }
  });

  it('fails a requirement the package index lacks with pip\'s "No matching distribution found"', async () => {
    const result = await pipInstall(image, [
      '--prefix=/install',
      'docker-django-no-such-package==1.0',
    ]);
    expectExitCode(result, 'non-zero');
    expect(result.output).toContain(
      'No matching distribution found for docker-django-no-such-package==1.0',
    );
  });

  it('cannot build plain psycopg2 (sdist only): no pg_config, no compiler', async () => {
    const result = await pipInstall(image, ['psycopg2']);
    expectExitCode(result, 'non-zero');
    expect(result.output).toContain('pg_config executable not found');
  });

  it('installs psycopg 3 without its binary part, which then finds no libpq to load', async () => {
    const result = await sh(
      image,
      'python -m pip install -q psycopg && python -c "import psycopg"',
    );
    expectExitCode(result, 'non-zero');
    expect(result.output).toMatch(/no pq wrapper available/);
  });

  it('installs with pip --prefix into a tree that, copied to /usr/local, runs gunicorn and Django as uid 10001', async () => {
    const result = await build(
      [
        `FROM ${image} AS builder`,
        'RUN python -m pip install --prefix=/install Django gunicorn psycopg2-binary',
        `FROM ${image}`,
        'COPY --from=builder /install /usr/local',
        'RUN groupadd --system --gid 10001 appuser && useradd --system --uid 10001 --gid appuser --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin appuser',
        'USER appuser',
        'RUN gunicorn --version && django-admin --version && python -c "import django, psycopg2; print(psycopg2.__libpq_version__)"',
        '',
      ].join('\n'),
      'prefix',
    );
    expectExitCode(result, 0);
    expect(result.output).toMatch(/gunicorn \(version \d+/);
  });
});

describe(`${POSTGRES_18}: the 18+ data layout`, () => {
  it('refuses a volume mounted at /var/lib/postgresql/data with the official message and a non-zero exit', async () => {
    const { name, result } = await startPostgres(POSTGRES_18, [
      '-e',
      'POSTGRES_PASSWORD=fidelity',
      '-v',
      `${volume('pg18-old-mount')}:/var/lib/postgresql/data`,
    ]);
    expectExitCode(result, 0);
    const exited = await waitForExit(name);
    expect(exited.code).not.toBe(0);
    expect(exited.logs).toContain(
      'in 18+, these Docker images are configured to store database data',
    );
    expect(exited.logs).toContain('/var/lib/postgresql/data (unused mount/volume)');
  });

  it('keeps its data in /var/lib/postgresql/18/docker under a volume at /var/lib/postgresql, runs as postgres, reads _FILE secrets and initdb.d', async () => {
    const data = volume('pg18-data');
    const init = mkdtempSync(join(tmpdir(), 'dd-fidelity-initdb-'));
    contexts.push(init);
    writeFileSync(join(init, 'secret'), 'from-a-file\n');
    writeFileSync(join(init, 'init.sql'), 'CREATE TABLE fidelity_marker (id int);\n');
    const { name, result } = await startPostgres(POSTGRES_18, [
      '-e',
      'POSTGRES_PASSWORD_FILE=/run/fidelity/secret',
      '-e',
      'POSTGRES_USER=appowner',
      '-e',
      'POSTGRES_DB=appdb',
      '-v',
      `${init}/secret:/run/fidelity/secret:ro`,
      '-v',
      `${init}/init.sql:/docker-entrypoint-initdb.d/init.sql:ro`,
      '-v',
      `${data}:/var/lib/postgresql`,
    ]);
    expectExitCode(result, 0);
    expectExitCode(await waitForPostgres(name, 'appowner'), 0);
    const env = await docker([
      'exec',
      name,
      'sh',
      '-c',
      'echo "$PGDATA"; ls /var/lib/postgresql/18/docker/PG_VERSION',
    ]);
    expect(env.stdout).toContain('/var/lib/postgresql/18/docker');
    const who = await docker(['exec', name, 'stat', '-c', '%U', '/proc/1']);
    expect(who.stdout.trim()).toBe('postgres');
    const table = await docker([
      'exec',
      name,
      'psql',
      '-U',
      'appowner',
      '-d',
      'appdb',
      '-tAc',
      "SELECT count(*) FROM pg_tables WHERE tablename = 'fidelity_marker'",
    ]);
    expect({ answer: table.stdout.trim(), output: table.output }).toMatchObject({ answer: '1' });
    const declared = await docker([
      'image',
      'inspect',
      '--format',
      '{{json .Config.Volumes}}',
      POSTGRES_18,
    ]);
    expect(JSON.parse(declared.stdout)).toEqual({ '/var/lib/postgresql': {} });
  });

  it('refuses to initialise without a password, as the official entrypoint does', async () => {
    const { name } = await startPostgres(POSTGRES_18, [
      '-v',
      `${volume('pg18-nopw')}:/var/lib/postgresql`,
    ]);
    const exited = await waitForExit(name);
    expect(exited.code).not.toBe(0);
    expect(exited.logs).toMatch(
      /Database is uninitialized and superuser password is not specified/,
    );
  });
});

describe(`${POSTGRES_17}: the layout before 18`, () => {
  it('declares its volume at /var/lib/postgresql/data and starts with a volume mounted there', async () => {
    const declared = await docker([
      'image',
      'inspect',
      '--format',
      '{{json .Config.Volumes}}',
      POSTGRES_17,
    ]);
    expect(JSON.parse(declared.stdout)).toEqual({ '/var/lib/postgresql/data': {} });
    const { name, result } = await startPostgres(POSTGRES_17, [
      '-e',
      'POSTGRES_PASSWORD=fidelity',
      '-v',
      `${volume('pg17-data')}:/var/lib/postgresql/data`,
    ]);
    expectExitCode(result, 0);
    expectExitCode(await waitForPostgres(name), 0);
    const files = await docker(['exec', name, 'ls', '/var/lib/postgresql/data/PG_VERSION']);
    expectExitCode(files, 0);
  });
});
