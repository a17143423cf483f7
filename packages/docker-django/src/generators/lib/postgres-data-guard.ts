import { joinPathFragments } from '@nx/devkit';
import type { NormalizedInitOptions } from './normalize-options';
import {
  existingPostgres,
  postgresDataPath,
  postgresImage,
  type ExistingPostgres,
} from './postgres-version';

type GuardOptions = Pick<
  NormalizedInitOptions,
  | 'projectName'
  | 'projectRoot'
  | 'composeProject'
  | 'freshComposeProject'
  | 'database'
  | 'postgresVersion'
  | 'postgresVersionGiven'
>;

/**
 * Whether writing the new compose file would leave the existing database behind: another
 * major (PostgreSQL cannot read an older major's data files) or another mount path (the
 * volume would be mounted where the new image does not look, or refused by the 18+
 * entrypoint). A file whose major cannot be told (`image: postgres`) differs unless the user
 * names the major with --postgresVersion and its mount path is the one the file has.
 */
function differs(existing: ExistingPostgres, options: GuardOptions): boolean {
  if (existing.dataPath !== postgresDataPath(options.postgresVersion)) return true;
  if (existing.major === undefined) return !options.postgresVersionGiven;
  return existing.major !== options.postgresVersion;
}

function describe(existing: ExistingPostgres): string {
  const major = existing.major === undefined ? 'major not recorded' : `major ${existing.major}`;
  const mount = existing.dataPath
    ? `its volume ${existing.volume ?? '(anonymous)'} at ${existing.dataPath}`
    : 'no volume under /var/lib/postgresql';
  return `service "${existing.service}" runs image ${existing.image} (${major}) with ${mount}`;
}

/**
 * The warning for a compose file kept to protect its data, with what differs and the ways on:
 * stay on the old major, dump and restore, or pg_upgrade. `null` when the file can be written.
 */
export function postgresDataConflict(
  composeText: string | null,
  options: GuardOptions,
  downTarget: string,
): string | null {
  if (options.database !== 'postgres') return null;
  const existing = existingPostgres(composeText);
  if (!existing || !differs(existing, options)) return null;
  const file = joinPathFragments(options.projectRoot, 'compose.yaml');
  const major = options.postgresVersion;
  // The executors run compose with -p <name>; plain `docker compose` in the folder would not
  // find their containers when the folder name differs.
  const compose = `docker compose -f ${file} -p ${options.composeProject}`;
  // Step 3 writes a new file, which records the name a fresh stack of this project gets.
  const freshCompose = `docker compose -f ${file} -p ${options.freshComposeProject}`;
  const init = `nx g docker-django:init --project ${options.projectName} --database postgres`;
  const pgVersion =
    existing.major === undefined
      ? `\n  Its major: ${compose} run --rm --entrypoint cat ${existing.service} ` +
        `${existing.dataPath ?? '/var/lib/postgresql/data'}/PG_VERSION`
      : '';
  return [
    `[docker-django] Kept ${file} as it is, even with --overwrite, so no database data is moved ` +
      `or orphaned: its ${describe(existing)}; this run would write ${postgresImage(major)} with ` +
      `the volume at ${postgresDataPath(major)}.`,
    `  To stay on the old major: re-run with --postgresVersion <old major> --overwrite.${pgVersion}`,
    `  To move to PostgreSQL ${major} by dump and restore (backup.sql holds all data: keep it out of git):`,
    `    1. with the old stack up: ${compose} exec ${existing.service} pg_dumpall -U postgres > backup.sql`,
    `    2. nx run ${options.projectName}:${downTarget} --volumes   (deletes the old volume)`,
    `    3. rm ${file} && ${init} --postgresVersion ${major}`,
    `    4. ${freshCompose} up -d --wait db`,
    `    5. ${freshCompose} exec -T db psql -U postgres < backup.sql`,
    `  Or upgrade the volume in place with pg_upgrade (it needs both majors' binaries), then do step 3.`,
  ].join('\n');
}
