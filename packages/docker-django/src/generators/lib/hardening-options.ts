/**
 * The stack-hardening answers of `init` (issue 12 item 7), each one switchable: what the
 * container settings enforce, how compose confines each service, and the database role the
 * app uses. The defaults are on; `docs/security.md` says which benchmark rule each one meets.
 */
export interface HardeningOptions {
  /** container_settings.py refuses to start without DJANGO_SECRET_KEY[_FILE] (no fallback key). */
  requireSecretKey: boolean;
  /** The default of DJANGO_BEHIND_TLS in compose.yaml: HTTPS-only settings for a TLS proxy in front. */
  behindTls: boolean;
  /** no-new-privileges, cap_drop ALL, read-only root filesystems, log rotation, limits, an internal network. */
  hardenContainers: boolean;
  /** With PostgreSQL: the app connects as its own non-superuser role, made at database init. */
  appDatabaseRole: boolean;
  /** Each service's memory limit (compose mem_limit), e.g. 1g or 512m. */
  memoryLimit: string;
  /** Each service's CPU limit (compose cpus), e.g. 1 or 0.5. */
  cpuLimit: number;
}

export interface HardeningSchema {
  requireSecretKey?: boolean;
  behindTls?: boolean;
  hardenContainers?: boolean;
  appDatabaseRole?: boolean;
  memoryLimit?: string;
  cpuLimit?: number | string;
}

export const DEFAULT_MEMORY_LIMIT = '1g';
export const DEFAULT_CPU_LIMIT = 1;

function memoryLimitOf(value: string | undefined, projectName: string): string {
  if (value === undefined) return DEFAULT_MEMORY_LIMIT;
  const text = String(value).trim().toLowerCase();
  // compose's byte values: a whole number with an optional b, k, m or g unit; at least 6 MiB,
  // the least the engine accepts for a container.
  const match = /^(\d+)([bkmg]?)$/.exec(text);
  const units: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
  const bytes = match ? Number(match[1]) * units[match[2]] : NaN;
  if (!(bytes >= 6 * 1024 ** 2)) {
    throw new Error(
      `Invalid --memoryLimit "${value}" for project "${projectName}": expected a size of at ` +
        `least 6m, as a whole number with a unit (b, k, m, g). Pass e.g. --memoryLimit ${DEFAULT_MEMORY_LIMIT}.`,
    );
  }
  return text;
}

function cpuLimitOf(value: number | string | undefined, projectName: string): number {
  if (value === undefined) return DEFAULT_CPU_LIMIT;
  const cpus = /^\s*\d+(\.\d+)?\s*$/.test(String(value)) ? Number(value) : NaN;
  if (!(cpus >= 0.01 && cpus <= 1024)) {
    throw new Error(
      `Invalid --cpuLimit "${value}" for project "${projectName}": expected a number of CPUs ` +
        `from 0.01 up, e.g. --cpuLimit 0.5.`,
    );
  }
  return cpus;
}

export function normalizeHardening(schema: HardeningSchema, projectName: string): HardeningOptions {
  return {
    requireSecretKey: schema.requireSecretKey ?? true,
    behindTls: schema.behindTls ?? false,
    hardenContainers: schema.hardenContainers ?? true,
    appDatabaseRole: schema.appDatabaseRole ?? true,
    memoryLimit: memoryLimitOf(schema.memoryLimit, projectName),
    cpuLimit: cpuLimitOf(schema.cpuLimit, projectName),
  };
}
