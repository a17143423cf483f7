import { logger } from '../../nx/log';
import execa from 'execa';
import { quoteArg } from '../../shell/command-line';
import { redactUrls } from './redact';

/**
 * The one child-process wrapper of the compose executors. Commands are argument arrays,
 * never shell strings; the working directory is always explicit; the exact command is
 * logged before it runs (probes and bookkeeping commands only with --verbose).
 */
export interface CommandSpec {
  file: string;
  args: string[];
  /** Variables the command needs on top of the caller's environment. */
  env?: Record<string, string>;
}

export interface RunOptions {
  /** Absolute working directory of the child. */
  cwd: string;
  /** Capture stdout/stderr instead of streaming them to the terminal. */
  capture?: boolean;
  /**
   * Stream stdout/stderr to the terminal as they come AND keep their last `tailBytes`
   * (both streams, interleaved) in `RunResult.output`, to explain a failure afterwards.
   */
  tee?: boolean;
  /** Bytes of output `tee` keeps (default TEE_TAIL_BYTES). */
  tailBytes?: number;
  /** Log the command only when verbose (for probes and polling). */
  quiet?: boolean;
  verbose?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Kill the child after this many milliseconds (probes only). */
  timeoutMs?: number;
}

export interface RunResult {
  /** undefined when the child was killed by a signal or never started. */
  exitCode: number | undefined;
  signal: string | undefined;
  /** The executable was not found (ENOENT). */
  notFound: boolean;
  stdout: string;
  stderr: string;
  /** With `tee`: the tail of what the child printed (stdout and stderr interleaved). */
  output?: string;
}

export interface RunningCommand {
  readonly pid: number | undefined;
  /** Resolves (never rejects) when the child has exited. */
  readonly done: Promise<RunResult>;
  readonly exited: boolean;
  kill(signal: NodeJS.Signals): void;
}

export const LOG_PREFIX = '[docker-django]';
/** Enough for the last build steps and BuildKit's summary of the failed one. */
export const TEE_TAIL_BYTES = 256 * 1024;

/** The command as a shell line, credentials in URLs hidden: for logs and messages only. */
export function formatCommand(spec: CommandSpec): string {
  const env = Object.entries(spec.env ?? {}).map(([key, value]) => `${key}=${quoteArg(value)}`);
  return redactUrls([...env, ...[spec.file, ...spec.args].map(quoteArg)].join(' '));
}

/** The last `limit` bytes of a stream of chunks, without keeping the rest. */
export class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number = TEE_TAIL_BYTES) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - this.chunks[0].length >= this.limit) {
      this.size -= this.chunks[0].length;
      this.chunks.shift();
    }
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    // Cut at a line start so the first line is whole (a partial UTF-8 sequence goes with it).
    const cut = all.length > this.limit ? all.length - this.limit : 0;
    const start = cut === 0 ? 0 : all.indexOf(0x0a, cut) + 1 || cut;
    return all.subarray(start).toString('utf-8');
  }
}

export function logCommand(spec: CommandSpec, options: Pick<RunOptions, 'cwd' | 'verbose'>): void {
  logger.info(`${LOG_PREFIX} ${formatCommand(spec)}`);
  if (options.verbose) logger.info(`${LOG_PREFIX}   (in ${options.cwd})`);
}

/** Starts a child process; the caller decides when to wait for it or kill it. */
export function startCommand(spec: CommandSpec, options: RunOptions): RunningCommand {
  if (!options.quiet || options.verbose) logCommand(spec, options);
  const tee = options.tee && !options.capture;
  const child = execa(spec.file, spec.args, {
    cwd: options.cwd,
    env: spec.env ? { ...(options.env ?? process.env), ...spec.env } : options.env,
    // stdin is never needed and must not compete with Nx for the terminal.
    stdio: options.capture || tee ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    // A tee'd build may print megabytes: only the bounded tail is kept.
    buffer: !tee,
    reject: false,
    timeout: options.timeoutMs,
    windowsHide: true,
  });
  const tail = tee ? new OutputTail(options.tailBytes) : undefined;
  if (tail) {
    child.stdout?.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      tail.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail.push(chunk);
    });
  }
  let exited = false;
  const done: Promise<RunResult> = child.then(
    (r) => {
      exited = true;
      const notFound = (r as unknown as { code?: string }).code === 'ENOENT';
      return {
        exitCode: notFound ? undefined : r.exitCode,
        signal: r.signal,
        notFound,
        stdout: typeof r.stdout === 'string' ? r.stdout : '',
        stderr: typeof r.stderr === 'string' ? r.stderr : '',
        ...(tail ? { output: tail.text() } : {}),
      };
    },
    // With reject: false execa resolves; this only guards against the unexpected.
    (e: unknown) => {
      exited = true;
      return {
        exitCode: undefined,
        signal: undefined,
        notFound: false,
        stdout: '',
        stderr: e instanceof Error ? e.message : String(e),
      };
    },
  );
  return {
    pid: child.pid,
    done,
    get exited() {
      return exited;
    },
    kill: (signal) => {
      if (!exited) child.kill(signal);
    },
  };
}

/** Runs a command to completion. Never rejects: inspect `exitCode` / `notFound`. */
export function runCommand(spec: CommandSpec, options: RunOptions): Promise<RunResult> {
  return startCommand(spec, options).done;
}

/** First non-empty line of a child's stderr (or stdout), for error messages. */
export function firstLine(result: Pick<RunResult, 'stderr' | 'stdout'>): string {
  const text = `${result.stderr}\n${result.stdout}`;
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? 'no output'
  );
}
