/**
 * The environment of a child process that must behave as if a user typed the command in a
 * fresh shell. The e2e suite runs inside `nx run` (and often `npm run`), the benchmarks inside
 * `npm run bench`: their NX_* task variables and npm_* config variables, passed on, make the
 * child nx or npm act on this repository instead of the workspace under test. No Nx daemon
 * (every run computes its own graph and no daemon outlives the run), no Nx Cloud, no TUI, no
 * colours, no Nx task cache (compose-build leaves images, which a replayed log would not).
 * `extra` is applied last; an `undefined` value removes the variable.
 */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (key.startsWith('npm_') || key === 'INIT_CWD') continue;
    if (key.startsWith('NX_') && key !== 'NX_VERBOSE_LOGGING') continue;
    if (key.startsWith('JEST_') || key.startsWith('BENCH_')) continue;
    env[key] = value;
  }
  Object.assign(env, {
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    NX_SKIP_NX_CACHE: 'true',
    FORCE_COLOR: '0',
  });
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}
