import { spawn } from 'node:child_process';

/**
 * A command in a process group of its own, interrupted like a terminal's Ctrl+C, and the
 * bounded waits executors.e2e.spec.ts uses around it.
 */

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A command running in a process group of its own, as a terminal runs a foreground job. */
export interface ProcessGroup {
  /** Also the process group id. */
  readonly pid: number;
  readonly exit: Promise<ProcessExit>;
  exited(): boolean;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** Signals every process of the group, as Ctrl+C in a terminal does. */
  signalGroup(signal: NodeJS.Signals): void;
  /** SIGKILLs whatever is left of the group (cleanup; a no-op when the group is gone). */
  killGroup(): void;
}

export function startProcessGroup(
  file: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string> },
): ProcessGroup {
  const child = spawn(file, [...args], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`Could not start ${file} ${args.join(' ')}.`);
  const pid = child.pid;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let hasExited = false;
  const exit = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      hasExited = true;
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      hasExited = true;
      output += `\n[spawn error] ${error.message}\n`;
      resolve({ code: null, signal: null });
    });
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch (error) {
      // ESRCH: the whole group is gone already.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  return {
    pid,
    exit,
    exited: () => hasExited,
    output: () => output,
    signalGroup,
    killGroup: () => signalGroup('SIGKILL'),
  };
}

/** Resolves with the promise's value, or with 'timeout' after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads `read()` every `intervalMs` until `done` holds or `timeoutMs` has passed, and
 * returns the last value read and when it was read (ms after the start).
 */
export async function settle<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  intervalMs = 250,
): Promise<{ value: T; afterMs: number }> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    const afterMs = Date.now() - started;
    if (done(value) || afterMs >= timeoutMs) return { value, afterMs };
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
