import type { HardeningOptions } from './hardening-options';

/** The network only the database and the services that use it are on; the host cannot reach it. */
export const BACKEND_NETWORK = 'backend';

/**
 * What the official postgres entrypoint needs as root before it drops to the postgres user with
 * gosu: CHOWN to give the data and run folders to postgres, DAC_OVERRIDE to read the secret
 * files whatever their owner, SETUID and SETGID for gosu. Measured on the engine with each one
 * removed from a first start: each of the four makes it fail; FOWNER does not (the entrypoint
 * chmods its folders while they are still root's, and tolerates failure after).
 */
export const POSTGRES_CAPABILITIES = ['CHOWN', 'DAC_OVERRIDE', 'SETGID', 'SETUID'];

/** Log rotation: json-file keeps at most three files of 10 MB per container. */
export function logRotation() {
  // A new object each time: a shared one would be written as a YAML anchor and aliases.
  return { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } };
}

export const PIDS_LIMIT = 256;

/**
 * The confinement every generated service gets with --hardenContainers: no privilege gain
 * through setuid binaries, no capabilities beyond `capabilities`, a read-only root filesystem
 * with tmpfs where the process must write, memory, CPU and process limits, and rotated logs.
 */
export function confinement(
  hardening: HardeningOptions,
  writable: string[],
  capabilities: string[] = [],
): Record<string, unknown> {
  if (!hardening.hardenContainers) return {};
  return {
    security_opt: ['no-new-privileges:true'],
    cap_drop: ['ALL'],
    ...(capabilities.length ? { cap_add: capabilities } : {}),
    read_only: true,
    tmpfs: writable,
    mem_limit: hardening.memoryLimit,
    cpus: hardening.cpuLimit,
    pids_limit: PIDS_LIMIT,
    logging: logRotation(),
  };
}

/** The networks a service joins: the database's internal one, the default one, or both. */
export function networksOf(
  hardening: HardeningOptions,
  postgres: boolean,
  uses: { backend: boolean; published: boolean },
): Record<string, unknown> {
  if (!hardening.hardenContainers || !postgres) return {};
  const networks = [
    ...(uses.published ? ['default'] : []),
    ...(uses.backend ? [BACKEND_NETWORK] : []),
  ];
  return { networks };
}

/** Top-level networks: `backend` is internal, so the database has no route to or from the host. */
export function topLevelNetworks(hardening: HardeningOptions, postgres: boolean) {
  return hardening.hardenContainers && postgres
    ? { networks: { default: null, [BACKEND_NETWORK]: { internal: true } } }
    : {};
}
