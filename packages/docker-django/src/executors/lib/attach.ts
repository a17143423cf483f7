import type { RunningCommand, RunResult } from './run-compose';

/**
 * Foreground `compose up` that stops its containers when the executor is interrupted.
 *
 * On SIGINT/SIGTERM we do not forward the signal: Ctrl+C in a terminal already reaches the
 * compose child through the process group, and a second SIGINT makes compose kill the
 * containers instead of stopping them. We run `compose stop` instead (idempotent), which
 * ends the attached `up`; if it does not end, it gets SIGTERM, then SIGKILL, so no child
 * outlives the executor. Compose 2.26 may still print "panic: close of closed channel" when
 * it receives two signals (the docker CLI forwards one to the plugin): docker/compose#11710,
 * fixed by docker/compose#11719; the containers are stopped either way.
 */
export interface AttachOptions {
  start: () => RunningCommand;
  stop: () => Promise<RunResult>;
  /** Where the signals come from: `process` outside tests. */
  signals: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
  onSignal?: (signal: NodeJS.Signals) => void;
  /** How long the attached child may take to exit after `compose stop` returned. */
  graceMs?: number;
  /** How long after SIGTERM before SIGKILL. */
  killGraceMs?: number;
}

export interface AttachOutcome {
  result: RunResult;
  /** The signal that interrupted the run, if any. */
  interrupted: NodeJS.Signals | undefined;
  /** Result of `compose stop`, when it ran. */
  stopResult: RunResult | undefined;
}

const HANDLED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
/** compose exits 130 after handling Ctrl+C itself. */
const INTERRUPTED_EXIT_CODES = [130, 143];

function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function runAttached(options: AttachOptions): Promise<AttachOutcome> {
  const graceMs = options.graceMs ?? 15_000;
  const killGraceMs = options.killGraceMs ?? 5_000;
  const child = options.start();
  let interrupted: NodeJS.Signals | undefined;
  let stopping: Promise<RunResult> | undefined;
  let notify!: () => void;
  const signalled = new Promise<void>((resolve) => (notify = resolve));
  const listeners = HANDLED.map((signal) => {
    const listener = () => {
      if (interrupted) return;
      interrupted = signal;
      options.onSignal?.(signal);
      stopping = options.stop();
      notify();
    };
    options.signals.on(signal, listener);
    return [signal, listener] as const;
  });

  let result: RunResult | undefined;
  try {
    const first = await Promise.race([child.done, signalled.then(() => undefined)]);
    if (first !== undefined) {
      result = first;
    } else {
      await stopping;
      result =
        (await within(child.done, graceMs)) ??
        (child.kill('SIGTERM'), await within(child.done, killGraceMs)) ??
        (child.kill('SIGKILL'), await child.done);
    }
  } finally {
    for (const [signal, listener] of listeners) options.signals.off(signal, listener);
    if (!child.exited) {
      child.kill('SIGKILL');
      await child.done;
    }
  }
  const stopResult = stopping ? await stopping : undefined;
  const childWasInterrupted =
    result.signal !== undefined ||
    (result.exitCode !== undefined && INTERRUPTED_EXIT_CODES.includes(result.exitCode));
  return {
    result,
    interrupted: interrupted ?? (childWasInterrupted ? 'SIGINT' : undefined),
    stopResult,
  };
}
