import { parseYaml } from '../../files/plain-yaml';
import { generatorRecordOf } from '../../nx/generator-record';

/** The PostgreSQL majors whose official images, and data layout, the generator knows. */
export const MIN_POSTGRES_VERSION = 13;
export const MAX_POSTGRES_VERSION = 18;
export const DEFAULT_POSTGRES_VERSION = 18;

/**
 * Where the data volume is mounted. From 18 on, the official image keeps its data in
 * /var/lib/postgresql/<major>/docker and declares `VOLUME /var/lib/postgresql`, so that
 * pg_upgrade --link can see two majors on one volume; its entrypoint refuses to start with
 * anything mounted at the old /var/lib/postgresql/data (docker-library/postgres#1259).
 * Before 18, PGDATA is /var/lib/postgresql/data itself.
 */
export function postgresDataPath(major: number): string {
  return major >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data';
}

export function postgresImage(major: number): string {
  return `postgres:${major}`;
}

/**
 * The --postgresVersion as a major, or `undefined` when not given. Nx parses `--postgresVersion 17`
 * into the number 17 and `17.2` into 17.2; both forms arrive here and only a whole major counts.
 */
export function parsePostgresVersion(
  value: string | number | undefined,
  projectName: string,
): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const major = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(major >= MIN_POSTGRES_VERSION && major <= MAX_POSTGRES_VERSION)) {
    throw new Error(
      `Invalid --postgresVersion "${value}" for project "${projectName}": expected a PostgreSQL ` +
        `major from ${MIN_POSTGRES_VERSION} to ${MAX_POSTGRES_VERSION} (the image is ` +
        `postgres:<major>). Pass e.g. --postgresVersion ${DEFAULT_POSTGRES_VERSION}.`,
    );
  }
  return major;
}

/** What an existing compose file says about its PostgreSQL service. */
export interface ExistingPostgres {
  service: string;
  image: string;
  /** The major the service runs: its image tag's, else the recorded --postgresVersion. */
  major: number | undefined;
  /** Where its data volume is mounted; `null` when no volume is mounted under /var/lib/postgresql. */
  dataPath: string | null;
  volume: string | null;
}

const POSTGRES_IMAGE = /^(?:docker\.io\/)?(?:library\/)?postgres(?::([^@]*))?(?:@.*)?$/;

function mountOf(entry: unknown): { source: string | null; target: string } | null {
  if (typeof entry === 'string') {
    const parts = entry.split(':');
    return parts.length >= 2
      ? { source: parts[0], target: parts[1] }
      : { source: null, target: parts[0] };
  }
  if (
    entry &&
    typeof entry === 'object' &&
    typeof (entry as { target?: unknown }).target === 'string'
  ) {
    const { source, target } = entry as { source?: unknown; target: string };
    return { source: typeof source === 'string' ? source : null, target };
  }
  return null;
}

/**
 * The PostgreSQL service of an existing compose file (the first service running the official
 * `postgres` image), or `null` when there is none or the file does not parse.
 */
export function existingPostgres(composeText: string | null): ExistingPostgres | null {
  if (composeText === null) return null;
  let doc: Record<string, unknown> | null;
  try {
    doc = parseYaml(composeText) as Record<string, unknown> | null;
  } catch {
    return null;
  }
  const services = (doc?.services ?? {}) as Record<string, Record<string, unknown> | null>;
  for (const [service, definition] of Object.entries(services)) {
    const image = definition?.image;
    const match = typeof image === 'string' ? POSTGRES_IMAGE.exec(image) : null;
    if (!match || typeof image !== 'string') continue;
    const tagMajor = /^(\d+)/.exec(match[1] ?? '')?.[1];
    const recorded = Number(generatorRecordOf(doc)?.postgresVersion);
    const volumes = Array.isArray(definition?.volumes) ? definition.volumes : [];
    const mount = volumes
      .map(mountOf)
      .find(
        (m) => m !== null && /^\/var\/lib\/postgresql(\/|$)/.test(m.target.replace(/\/+$/, '')),
      );
    return {
      service,
      image,
      major: tagMajor ? Number(tagMajor) : Number.isInteger(recorded) ? recorded : undefined,
      dataPath: mount ? mount.target.replace(/(.)\/+$/, '$1') : null,
      volume: mount?.source ?? null,
    };
  }
  return null;
}

/**
 * The major to write when --postgresVersion is not given: the one the existing file runs, so a
 * re-run never upgrades a database by itself; else the default. A file whose major cannot be
 * told (`image: postgres`, written by earlier versions of this plugin) gets the default here,
 * and the data guard then keeps that file as it is.
 */
export function defaultPostgresVersion(existing: ExistingPostgres | null): number {
  const major = existing?.major;
  return major !== undefined && major >= MIN_POSTGRES_VERSION && major <= MAX_POSTGRES_VERSION
    ? major
    : DEFAULT_POSTGRES_VERSION;
}
