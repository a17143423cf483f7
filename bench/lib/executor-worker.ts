// Worker of bench/executor-overhead.ts, run in its own process with stdout/stderr sent to a log
// file: the compose executors inherit the terminal for compose's output, so timing them in the
// benchmark's own process would flood the tables. Both sides of every comparison run here, in
// the same process with the same stdio, alternating which goes first.
//
// argv[2]: JSON config; argv[3]: where to write the samples (JSON).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

interface Config {
  distDir: string;
  workspaceRoot: string;
  project: string;
  projectRoot: string;
  composeFile: string;
  composeProject: string;
  n: number;
  nUp: number;
}

type Executor = (
  options: Record<string, unknown>,
  context: unknown,
) => Promise<{ success: boolean }>;

const config = JSON.parse(process.argv[2]) as Config;
const outFile = process.argv[3];
const samples: Record<string, number[]> = {};

function record(key: string, ms: number): void {
  (samples[key] ??= []).push(ms);
}

async function time(fn: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** `docker compose -f <file> -p <name> <args>` exactly as the executor builds it, stdio inherited. */
function direct(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'docker',
      ['compose', '-f', config.composeFile, '-p', config.composeProject, ...args],
      {
        cwd: config.projectRoot,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`docker compose ${args.join(' ')} exited ${code}`)),
    );
  });
}

function load(name: string): Executor {
  const started = process.hrtime.bigint();
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require(`${config.distDir}/src/executors/${name}/executor.js`) as {
    default: Executor;
  };
  record(`require ${name}`, Number(process.hrtime.bigint() - started) / 1e6);
  return mod.default;
}

/** A fixed stand-in for the task hash Nx computes; with it the executor uses content tags. */
const TASK_HASH = `bench${process.pid}0000000000000000000`;

function context(targetName: string, withTaskHash = false) {
  const taskGraph = withTaskHash
    ? {
        roots: [`${config.project}:${targetName}`],
        dependencies: {},
        tasks: {
          [`${config.project}:${targetName}`]: {
            id: `${config.project}:${targetName}`,
            target: { project: config.project, target: targetName },
            overrides: {},
            outputs: [],
            hash: TASK_HASH,
          },
        },
      }
    : undefined;
  return {
    ...(taskGraph ? { taskGraph } : {}),
    root: config.workspaceRoot,
    cwd: config.workspaceRoot,
    projectName: config.project,
    targetName,
    isVerbose: false,
    projectsConfigurations: {
      version: 2,
      projects: {
        [config.project]: { root: config.projectRoot.slice(config.workspaceRoot.length + 1) },
      },
    },
    nxJsonConfiguration: {},
    projectGraph: { nodes: {}, dependencies: {} },
  };
}

async function viaExecutor(
  executor: Executor,
  target: string,
  options: Record<string, unknown> = {},
  withTaskHash = false,
): Promise<void> {
  const result = await executor(options, context(target, withTaskHash));
  if (!result.success) throw new Error(`${target} executor failed (see the worker log)`);
}

/** Runs each entry `n` times, rotating which goes first, recording under each key. */
async function rounds(n: number, ...entries: Array<[string, () => Promise<void>]>): Promise<void> {
  for (let i = 0; i < n; i++) {
    const order = [...entries.slice(i % entries.length), ...entries.slice(0, i % entries.length)];
    for (const [key, fn] of order) record(key, await time(fn));
  }
}

async function mainWorker(): Promise<void> {
  const build = load('compose-build');
  const up = load('compose-up');
  const down = load('compose-down');

  // Warm-up (not recorded): page cache, the engine's cache lookups, lazy requires; the first
  // call with a task hash builds and puts the content tag on the image.
  for (let i = 0; i < 2; i++) {
    await direct(['build']);
    await viaExecutor(build, 'compose-build');
    await viaExecutor(build, 'compose-build', {}, true);
  }

  await rounds(
    config.n,
    ['build direct', () => direct(['build'])],
    ['build executor', () => viaExecutor(build, 'compose-build')],
    ['build executor, content tag present', () => viaExecutor(build, 'compose-build', {}, true)],
  );
  for (let i = 0; i < config.n; i++) {
    record(
      'build executor dryRun',
      await time(() => viaExecutor(build, 'compose-build', { dryRun: true })),
    );
    record('docker compose version', await time(() => direct(['version'])));
    // What compose-up adds after `up` to print the URLs of the published ports.
    record('docker compose ps', await time(() => direct(['ps', '--all', '--format', 'json'])));
  }
  await rounds(
    config.n,
    ['down direct (nothing running)', () => direct(['down'])],
    ['down executor (nothing running)', () => viaExecutor(down, 'compose-down')],
  );
  // compose-up builds its images itself (content-tag family `nxup`): under Nx it has a task
  // hash, so an unchanged image costs one inspect, never a compose build. One untimed cycle puts
  // that content tag on, so the timed ones compare up with up (the direct `up` builds nothing).
  await viaExecutor(up, 'compose-up', {}, true);
  await viaExecutor(down, 'compose-down');
  for (let i = 0; i < config.nUp; i++) {
    const runDirect = async () => {
      record('up direct (up -d --wait)', await time(() => direct(['up', '-d', '--wait'])));
      record('down direct (1 running service)', await time(() => direct(['down'])));
    };
    const runExecutor = async () => {
      record('up executor', await time(() => viaExecutor(up, 'compose-up', {}, true)));
      record(
        'down executor (1 running service)',
        await time(() => viaExecutor(down, 'compose-down')),
      );
    };
    if (i % 2 === 0) {
      await runDirect();
      await runExecutor();
    } else {
      await runExecutor();
      await runDirect();
    }
  }
}

mainWorker().then(
  () => {
    writeFileSync(outFile, JSON.stringify(samples));
    process.exit(0);
  },
  (error: Error) => {
    process.stderr.write(`worker failed: ${error.stack ?? error.message}\n`);
    writeFileSync(outFile, JSON.stringify(samples));
    process.exit(1);
  },
);
