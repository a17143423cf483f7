const PREFIX = '[docker-django e2e]';

/**
 * Progress lines go straight to stderr: jest's console wraps every console.log in a stack
 * trace, which buries the timings this suite reports.
 */
export function log(message: string): void {
  process.stderr.write(`${PREFIX} ${message}\n`);
}

export function verbose(): boolean {
  return isTruthy(process.env.E2E_VERBOSE) || isTruthy(process.env.NX_VERBOSE_LOGGING);
}

export function isTruthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/** Runs `fn`, logging how long it took under `label`, whether it succeeds or throws. */
export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
