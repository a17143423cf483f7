// The one process runner of the e2e suite and the benchmarks: no shell, an explicit cwd and
// environment, stdin closed, output captured, wall-clock time measured.
import execa from 'execa';
import { cleanEnv } from './env';
import { log, verbose } from './log';

export interface RunResult {
  /** The command line as run, for failure messages. */
  command: string;
  cwd: string;
  /** -1 when the command timed out. */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  timedOut: boolean;
  /** Wall-clock milliseconds from start to exit (monotonic clock). */
  ms: number;
}

export interface RunOptions {
  cwd: string;
  /** The child's whole environment; cleanEnv() when not given. */
  env?: Record<string, string | undefined>;
  /** Milliseconds; the child is killed after it. */
  timeout?: number;
  input?: string;
}

/**
 * Runs one command (no shell) in an explicit cwd and returns its exit code and output.
 * Never throws for a non-zero exit: callers assert on `exitCode`, and expected failures are
 * part of the contract under test. Throws only when the program cannot be started at all.
 */
export async function run(
  file: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const command = [file, ...args].map(quoteForDisplay).join(' ');
  if (verbose()) log(`$ (cd ${options.cwd} && ${command})`);
  const started = process.hrtime.bigint();
  const result = await execa(file, [...args], {
    cwd: options.cwd,
    env: options.env ?? cleanEnv(),
    extendEnv: false,
    reject: false,
    all: true,
    stripFinalNewline: false,
    timeout: options.timeout,
    // No input: stdin is closed, never written to. Writing '' races a child that exits at
    // once (git rev-parse) and fails the run with EPIPE.
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.failed && result.exitCode === undefined && !result.timedOut) {
    throw new Error(
      `Could not run \`${command}\` in ${options.cwd}: ${(result as Partial<execa.ExecaError>).shortMessage ?? 'spawn failed'}`,
    );
  }
  return {
    command,
    cwd: options.cwd,
    exitCode: result.timedOut ? -1 : (result.exitCode ?? -1),
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    output: result.all ?? '',
    timedOut: Boolean(result.timedOut),
    ms,
  };
}

/** Like `run`, but a non-zero exit is an error whose message carries the command and its output. */
export async function runOrThrow(
  file: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const result = await run(file, args, options);
  if (result.exitCode !== 0) throw new Error(describeFailure(result));
  return result;
}

export function describeFailure(result: RunResult, what = 'Command failed'): string {
  const status = result.timedOut ? 'timed out' : `exit code ${result.exitCode}`;
  return `${what}: \`${result.command}\` in ${result.cwd} (${status})\n${tail(result.output, 8000)}`;
}

export function tail(text: string, max: number): string {
  return text.length <= max
    ? text
    : `...(${text.length - max} characters cut)...\n${text.slice(-max)}`;
}

function quoteForDisplay(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
