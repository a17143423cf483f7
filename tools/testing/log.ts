// Progress lines of the e2e suite and the benchmarks: straight to stderr (jest's console wraps
// every console.log in a stack trace, and the benchmarks keep stdout for their tables).

// One tag per program. The e2e suite keeps the default: jest loads this module afresh for every
// spec file, so a tag set elsewhere would not reach them. The benchmarks set `[bench]` in main().
let tag = '[docker-django e2e]';

export function setLogTag(value: string): void {
  tag = value;
}

export function log(message: string): void {
  process.stderr.write(`${tag} ${message}\n`);
}

/** E2E_VERBOSE or NX_VERBOSE_LOGGING: echo every command before it runs. */
export function verbose(): boolean {
  return isTruthy(process.env.E2E_VERBOSE) || isTruthy(process.env.NX_VERBOSE_LOGGING);
}

export function isTruthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}
