// The logger of the executors and the inference plugin. Devkit's `logger` would do, but
// importing `@nx/devkit` costs each task process and plugin worker a few hundred milliseconds
// (BENCHMARKS.md: executor-overhead, graph-time), and it prints through `console` all the
// same. Verbose lines follow NX_VERBOSE_LOGGING, as devkit's do.
export const logger = {
  info(message: string): void {
    console.info(message);
  },
  warn(message: string): void {
    console.warn(message);
  },
  error(message: string): void {
    console.error(message);
  },
  verbose(message: string): void {
    if (process.env.NX_VERBOSE_LOGGING === 'true') console.log(message);
  },
};
