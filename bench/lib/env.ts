// The benchmarks' settings from the environment, and the environment of what they run.
import { cleanEnv } from '../../tools/testing/env';

/** Reads a positive integer from the environment (e.g. BENCH_N), else `fallback`. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name}="${raw}" is not a positive integer.`);
  return value;
}

/**
 * What makes two runs of a benchmark comparable, on top of cleanEnv(): BuildKit always, and
 * compose picks the engine itself (a developer's DOCKER_DJANGO_COMPOSE_ENGINE never chooses another).
 */
export const BENCH_ENV: Readonly<Record<string, string | undefined>> = {
  DOCKER_BUILDKIT: '1',
  DOCKER_DJANGO_COMPOSE_ENGINE: undefined,
};

/** The environment of every command a benchmark runs. */
export function benchEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return cleanEnv({ ...BENCH_ENV, ...extra });
}
