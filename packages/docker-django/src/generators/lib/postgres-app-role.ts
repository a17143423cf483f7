/** The role the app connects as with --appDatabaseRole: not a superuser, owner of its database. */
export const APP_DB_ROLE = 'app';

const INIT_SCRIPT = '/docker-entrypoint-initdb.d/10-app-role.sh';

/**
 * The db service's entrypoint with --appDatabaseRole. It runs as root (as the official
 * entrypoint does), so it can read the app's password file whatever its owner and mode, hands
 * the password on in APP_DB_PASSWORD and writes an initdb.d script, then runs the official
 * entrypoint. On the first start only (an empty volume), that entrypoint runs the script as
 * the postgres user against its socket-only init server: the script makes the role and gives
 * it the database. psql variables (`:"role"`, `:'pw'`) quote the name and the password.
 * Every `$` is doubled: compose would interpolate it.
 */
export function appRoleEntrypoint(): string[] {
  const script = [
    'set -eu',
    'APP_DB_PASSWORD="$(cat /run/secrets/app-db-password)"',
    'export APP_DB_PASSWORD',
    `cat > ${INIT_SCRIPT} <<'INIT'`,
    'psql -v ON_ERROR_STOP=1 --no-password --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \\',
    '  --set role="$APP_DB_USER" --set pw="$APP_DB_PASSWORD" --set db="$POSTGRES_DB" <<\'SQL\'',
    'CREATE ROLE :"role" LOGIN PASSWORD :\'pw\';',
    'ALTER DATABASE :"db" OWNER TO :"role";',
    'SQL',
    'INIT',
    'exec docker-entrypoint.sh "$@"',
  ].join('\n');
  return ['sh', '-c', script.replace(/\$/g, '$$$$'), 'docker-entrypoint.sh'];
}
