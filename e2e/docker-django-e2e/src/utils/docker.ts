import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { cleanEnv, run, type RunResult } from './exec';
import { log } from './log';

/**
 * Fails, with what to do about it, when no Docker engine with Compose v2 answers. Called from
 * a beforeAll: the suite never skips for want of Docker (CI=true or not), it fails.
 */
export async function assertDockerWorks(): Promise<void> {
  const hint =
    'The e2e suite needs a running Docker engine with Compose v2: run `npm run engine` (tools/engine/setup.sh) as root.';
  const info = await run('docker', ['info', '--format', '{{.ServerVersion}}'], {
    cwd: tmpdir(),
    env: cleanEnv(),
  }).catch(
    (error: Error) =>
      ({ exitCode: -1, output: error.message }) as Pick<RunResult, 'exitCode' | 'output'>,
  );
  if (info.exitCode !== 0)
    throw new Error(
      `\`docker info\` failed${process.env.CI ? ' (CI is set)' : ''}. ${hint}\n${info.output}`,
    );
  const compose = await run('docker', ['compose', 'version', '--short'], {
    cwd: tmpdir(),
    env: cleanEnv(),
  });
  if (compose.exitCode !== 0)
    throw new Error(
      `\`docker compose version\` failed: Compose v2 is missing. ${hint}\n${compose.output}`,
    );
}

/** Fails when an image the generated Dockerfiles build FROM is absent (no registry to pull it from). */
export async function assertImagePresent(image: string): Promise<void> {
  const result = await run('docker', ['image', 'inspect', image], {
    cwd: tmpdir(),
    env: cleanEnv(),
  });
  if (result.exitCode !== 0) {
    throw new Error(
      `Image ${image} is not in the local engine and there is no registry to pull it from. Run \`npm run engine\`.`,
    );
  }
}

/** A compose project name no other test, run or developer stack uses. */
export function uniqueComposeProject(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `dde2e-${slug}-${randomBytes(3).toString('hex')}`;
}

export function compose(
  project: string | undefined,
  args: readonly string[],
  cwd: string,
  timeout = 10 * 60 * 1000,
): Promise<RunResult> {
  const projectArgs = project ? ['-p', project] : [];
  return run('docker', ['compose', ...projectArgs, ...args], { cwd, env: cleanEnv(), timeout });
}

/**
 * Removes everything a compose project started: containers, networks, volumes and the images
 * it built. Runs from a folder without a compose file, so it works even when the project's
 * compose.yaml is broken or gone; then sweeps by compose's project label for anything left.
 */
export async function composeDown(project: string): Promise<void> {
  const cwd = tmpdir();
  const env = cleanEnv();
  const down = await compose(
    project,
    ['down', '--volumes', '--remove-orphans', '--rmi', 'local', '--timeout', '5'],
    cwd,
  );
  if (down.exitCode !== 0)
    log(`compose down ${project} failed (sweeping by label): ${down.output.trim()}`);
  const label = `label=com.docker.compose.project=${project}`;
  const sweeps: Array<[list: string[], remove: string[]]> = [
    [
      ['ps', '-aq', '--filter', label],
      ['rm', '-f', '-v'],
    ],
    [
      ['network', 'ls', '-q', '--filter', label],
      ['network', 'rm'],
    ],
    [
      ['volume', 'ls', '-q', '--filter', label],
      ['volume', 'rm', '-f'],
    ],
    [
      ['image', 'ls', '-q', '--filter', label],
      ['image', 'rm', '-f'],
    ],
  ];
  for (const [list, remove] of sweeps) {
    const ids = (await run('docker', list, { cwd, env })).stdout.split('\n').filter(Boolean);
    if (ids.length > 0) await run('docker', [...remove, ...new Set(ids)], { cwd, env });
  }
}

/**
 * The compose projects a test file started. Tests `track()` a name before `up`, and an
 * afterEach/afterAll calls `downAll()`, so a failed assertion or a timeout still cleans up.
 */
export class ComposeProjects {
  private readonly started = new Set<string>();

  track(project: string): string {
    this.started.add(project);
    return project;
  }

  async downAll(): Promise<void> {
    const projects = [...this.started];
    this.started.clear();
    for (const project of projects) await composeDown(project);
  }
}

const handedOut = new Set<number>();

/** A host port that is free now and not handed to another test of this run. */
export async function freePort(from = 18000, to = 18999): Promise<number> {
  const start = from + Math.floor(Math.random() * (to - from));
  for (let i = 0; i <= to - from; i++) {
    const port = from + ((start - from + i) % (to - from + 1));
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`No free port between ${from} and ${to}.`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Polls `url` until it answers with any HTTP response (a bounded loop, default 60 s) and
 * returns that response; throws with the last connection error when it never answers.
 */
export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<HttpAnswer> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no attempt made';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
      return { status: response.status, headers, body: await response.text() };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      lastError = cause?.code ?? cause?.message ?? (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (last error: ${lastError}).`);
}
