// Shared helpers of the benchmarks: running commands (no shell), timing, statistics, tables,
// and a cleanup registry that runs even when a benchmark fails or is interrupted.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../..');

// ---------------------------------------------------------------------------------------------
// Logging: progress goes to stderr, tables to stdout.

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Commands

export interface Result {
  command: string;
  cwd: string;
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  /** Wall-clock milliseconds from spawn to exit. */
  ms: number;
}

export interface ExecOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Milliseconds; the child is killed after it. */
  timeout?: number;
  input?: string;
}

/**
 * Runs one command without a shell, capturing its output, and times it with a monotonic clock.
 * Never throws for a non-zero exit (see `mustRun`).
 */
export function exec(file: string, args: readonly string[], options: ExecOptions): Promise<Result> {
  const command = [file, ...args].map(quote).join(' ');
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout!.setEncoding('utf-8').on('data', (d: string) => {
      stdout += d;
      output += d;
    });
    child.stderr!.setEncoding('utf-8').on('data', (d: string) => {
      stderr += d;
      output += d;
    });
    const timer = options.timeout
      ? setTimeout(() => child.kill('SIGKILL'), options.timeout)
      : undefined;
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      reject(new Error(`Cannot run \`${command}\` in ${options.cwd}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolvePromise({
        command,
        cwd: options.cwd,
        code: code ?? (signal ? 128 : -1),
        stdout,
        stderr,
        output,
        ms,
      });
    });
    if (child.stdin) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
  });
}

/** Like `exec`, but a non-zero exit throws with the command and the tail of its output. */
export async function mustRun(
  file: string,
  args: readonly string[],
  options: ExecOptions,
): Promise<Result> {
  const result = await exec(file, args, options);
  if (result.code !== 0) {
    throw new Error(
      `\`${result.command}\` failed in ${result.cwd} (exit ${result.code}):\n${result.output.slice(-4000)}`,
    );
  }
  return result;
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The environment of a child that must behave as if a user typed the command in a fresh
 * shell: no npm_* / NX_* variables inherited from `npm run bench` (they would make a nested
 * nx act on this repository), no Nx daemon (every run computes its own graph, and no daemon
 * process outlives the benchmark), no Nx Cloud, no TUI, no colours.
 */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (key.startsWith('npm_') || key === 'INIT_CWD') continue;
    if (key.startsWith('NX_') || key.startsWith('BENCH_')) continue;
    env[key] = value;
  }
  Object.assign(env, {
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    FORCE_COLOR: '0',
    DOCKER_BUILDKIT: '1',
    // compose picks the engine itself; never let a developer's variable choose another one.
    DOCKER_DJANGO_COMPOSE_ENGINE: undefined,
  });
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

/** Runs `fn` and returns its result with the wall-clock milliseconds it took. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

// ---------------------------------------------------------------------------------------------
// Statistics and tables

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { n: 0, median: NaN, min: NaN, max: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { n: sorted.length, median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Milliseconds, to the millisecond below 10 s and to the tenth of a second above. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export function fmtBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}

export function fmtRatio(value: number, base: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(base) || base === 0) return 'n/a';
  const ratio = value / base;
  return `${ratio >= 100 ? ratio.toFixed(0) : ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}x`;
}

/** `n | median | min | max` cells for a timing summary. */
export function timingCells(s: Summary): string[] {
  return [String(s.n), fmtMs(s.median), fmtMs(s.min), fmtMs(s.max)];
}

/** Prints a Markdown table (so the output can be pasted into BENCHMARKS.md as it is). */
export function printTable(title: string, header: string[], rows: string[][], notes: string[] = []): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  const out = [
    '',
    `### ${title}`,
    '',
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ];
  if (notes.length > 0) out.push('', ...notes);
  process.stdout.write(out.join('\n') + '\n');
}

/** Reads a positive integer from the environment (e.g. BENCH_N), else `fallback`. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}="${raw}" is not a positive integer.`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Names and ports

/**
 * A prefix unique to this benchmark run, for every compose project, image and Nx project it
 * creates (`bench-<label>-<hex>`), so nothing collides with a colleague's stack or a parallel
 * run, and the final sweep removes exactly what this run made.
 */
export function runPrefix(label: string): string {
  return `bench-${label}-${randomBytes(3).toString('hex')}`;
}

/** A host port that is free now. */
export async function freePort(from = 18000, to = 18999): Promise<number> {
  const start = from + Math.floor(Math.random() * (to - from));
  for (let i = 0; i <= to - from; i++) {
    const port = from + ((start - from + i) % (to - from + 1));
    const free = await new Promise<boolean>((ok) => {
      const server = createServer();
      server.once('error', () => ok(false));
      server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => ok(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port between ${from} and ${to}.`);
}

// ---------------------------------------------------------------------------------------------
// Cleanup

function loadText(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join('/');
}

type CleanupStep = { label: string; fn: () => Promise<void> | void };

/**
 * Cleanup steps, run in reverse order of registration when the benchmark ends, whether it
 * succeeded, threw, or got SIGINT/SIGTERM. A failing step is logged and the others still run.
 */
export class Cleanup {
  private readonly steps: CleanupStep[] = [];
  private running: Promise<void> | undefined;

  add(label: string, fn: () => Promise<void> | void): void {
    this.steps.push({ label, fn });
  }

  run(): Promise<void> {
    if (!this.running) {
      this.running = (async () => {
        while (this.steps.length > 0) {
          const step = this.steps.pop() as CleanupStep;
          try {
            await step.fn();
          } catch (error) {
            log(`cleanup "${step.label}" failed: ${(error as Error).message}`);
          }
        }
      })();
    }
    return this.running;
  }
}

/**
 * The entry point of every benchmark: runs `body` with a cleanup registry, cleans up on
 * success, failure and interruption, and sets the exit code.
 */
export function main(name: string, body: (cleanup: Cleanup) => Promise<void>): void {
  const cleanup = new Cleanup();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: cleaning up before exiting`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const started = Date.now();
  const loadAtStart = loadText();
  body(cleanup)
    .then(
      () => 0,
      (error: Error) => {
        log(`${name} FAILED: ${error.stack ?? error.message}`);
        return 1;
      },
    )
    .then(async (code) => {
      process.stdout.write(
        `\nLoad average (1/5/15 min) on this ${cpus().length}-core machine: ${loadAtStart} at the start, ${loadText()} at the end.\n`,
      );
      log(`${name}: cleaning up`);
      await cleanup.run();
      log(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
      process.exitCode = code;
    });
}
