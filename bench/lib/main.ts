// The life of one benchmark: a cleanup registry that runs even when the benchmark fails or is
// interrupted, and the entry point that sets the exit code.
import { cpus, loadavg } from 'node:os';
import { log, setLogTag } from '../../tools/testing/log';

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
  setLogTag('[bench]');
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
