#!/usr/bin/env bash
# Entrypoint of the offline postgres stand-in. Written for this project, to behave like the
# official image's docker-entrypoint.sh where the generated compose files depend on it:
#   - POSTGRES_PASSWORD / POSTGRES_USER / POSTGRES_DB / POSTGRES_INITDB_ARGS, each also as
#     <NAME>_FILE (both set is an error), POSTGRES_HOST_AUTH_METHOD;
#   - started as root it prepares PGDATA and /var/run/postgresql and re-runs itself as postgres;
#   - first start only (no PGDATA/PG_VERSION): refuses an empty password unless the host auth
#     method is trust; in 18+ (PGDATA /var/lib/postgresql/<major>/docker) refuses data in the old
#     places and a mount at /var/lib/postgresql/data, with the official message; initdb; a
#     "host all all all <method>" line; a socket-only server to create POSTGRES_DB and run
#     /docker-entrypoint-initdb.d/* (*.sh run or sourced, *.sql, *.sql.gz, *.sql.xz, *.sql.zst);
#   - then execs the command (postgres by default).
set -Eeo pipefail

from_env_or_file() {
  local var=$1 default=${2:-} file_var="${1}_FILE"
  if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
    printf >&2 'error: both %s and %s are set (but are exclusive)\n' "$var" "$file_var"
    exit 1
  fi
  local value=$default
  if [ -n "${!var:-}" ]; then value=${!var}
  elif [ -n "${!file_var:-}" ]; then value=$(<"${!file_var}")
  fi
  export "$var=$value"
  unset "$file_var"
}

read_settings() {
  from_env_or_file POSTGRES_PASSWORD
  from_env_or_file POSTGRES_USER postgres
  from_env_or_file POSTGRES_DB "$POSTGRES_USER"
  from_env_or_file POSTGRES_INITDB_ARGS
  : "${POSTGRES_HOST_AUTH_METHOD:=}"
  DATABASE_ALREADY_EXISTS=
  LEGACY_DATA=()
  if [ -s "$PGDATA/PG_VERSION" ]; then
    DATABASE_ALREADY_EXISTS=true
  elif [ "$PGDATA" = "/var/lib/postgresql/$PG_MAJOR/docker" ]; then
    local dir
    for dir in /var/lib/postgresql /var/lib/postgresql/data /var/lib/postgresql/*/docker; do
      [ -s "$dir/PG_VERSION" ] && LEGACY_DATA+=("$dir")
    done
    if [ ${#LEGACY_DATA[@]} -eq 0 ] && [ "$PG_MAJOR" -ge 18 ] && mountpoint -q /var/lib/postgresql/data; then
      LEGACY_DATA+=('/var/lib/postgresql/data (unused mount/volume)')
    fi
  fi
}

prepare_directories() {
  mkdir -p "$PGDATA"
  chmod 00700 "$PGDATA" || :
  mkdir -p /var/run/postgresql || :
  chmod 03775 /var/run/postgresql || :
  if [ "$(id -u)" = 0 ]; then
    find "$PGDATA" /var/run/postgresql \! -user postgres -exec chown postgres '{}' +
  fi
}

refuse_empty_password() {
  if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    cat >&2 <<'EOE'
Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
EOE
    exit 1
  fi
  if [ "$POSTGRES_HOST_AUTH_METHOD" = trust ]; then
    echo >&2 'WARNING: POSTGRES_HOST_AUTH_METHOD has been set to "trust". This will allow anyone with access to the Postgres port to access your database without a password, even if POSTGRES_PASSWORD is set.'
  fi
}

# The official 18+ image's refusal, word for word (docker-library/postgres#1259).
refuse_legacy_layout() {
  [ ${#LEGACY_DATA[@]} -gt 0 ] || return 0
  cat >&2 <<EOE
Error: in 18+, these Docker images are configured to store database data in a
       format which is compatible with "pg_ctlcluster" (specifically, using
       major-version-specific directory names).  This better reflects how
       PostgreSQL itself works, and how upgrades are to be performed.

       See also https://github.com/docker-library/postgres/pull/1259

       Counter to that, there appears to be PostgreSQL data in:
         ${LEGACY_DATA[*]}

       This is usually the result of upgrading the Docker image without
       upgrading the underlying database using "pg_upgrade" (which requires both
       versions).

       The suggested container configuration for 18+ is to place a single mount
       at /var/lib/postgresql which will then place PostgreSQL data in a
       subdirectory, allowing usage of "pg_upgrade --link" without mount point
       boundary issues.

       See https://github.com/docker-library/postgres/issues/37 for a (long)
       discussion around this process, and suggestions for how to do so.
EOE
  exit 1
}

run_initdb() {
  # initdb wants the current uid in /etc/passwd (docker run --user): fake it with nss_wrapper.
  local uid; uid=$(id -u)
  if ! getent passwd "$uid" >/dev/null 2>&1; then
    local lib
    for lib in /usr/lib/*/libnss_wrapper.so /usr/lib/libnss_wrapper.so; do
      [ -s "$lib" ] || continue
      NSS_WRAPPER_PASSWD=$(mktemp); NSS_WRAPPER_GROUP=$(mktemp)
      export LD_PRELOAD=$lib NSS_WRAPPER_PASSWD NSS_WRAPPER_GROUP
      printf 'postgres:x:%s:%s:PostgreSQL:%s:/bin/false\n' "$uid" "$(id -g)" "$PGDATA" >"$NSS_WRAPPER_PASSWD"
      printf 'postgres:x:%s:\n' "$(id -g)" >"$NSS_WRAPPER_GROUP"
      break
    done
  fi
  # a password file with just a newline: initdb refuses an empty file
  eval 'initdb --username="$POSTGRES_USER" --pwfile=<(printf "%s\n" "$POSTGRES_PASSWORD") '"$POSTGRES_INITDB_ARGS"
  if [[ "${LD_PRELOAD:-}" == */libnss_wrapper.so ]]; then
    rm -f "$NSS_WRAPPER_PASSWD" "$NSS_WRAPPER_GROUP"
    unset LD_PRELOAD NSS_WRAPPER_PASSWD NSS_WRAPPER_GROUP
  fi
}

add_host_rule() {
  [ "$1" = postgres ] && shift
  local method=$POSTGRES_HOST_AUTH_METHOD
  [ -n "$method" ] || method=$(postgres -C password_encryption "$@")
  printf '\nhost all all all %s\n' "$method" >>"$PGDATA/pg_hba.conf"
}

sql() {
  local cmd=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
  [ -z "$POSTGRES_DB" ] || cmd+=(--dbname "$POSTGRES_DB")
  PGHOST= PGHOSTADDR= "${cmd[@]}" "$@"
}

temp_server() {
  [ "$1" = postgres ] && shift
  NOTIFY_SOCKET= PGUSER="${PGUSER:-$POSTGRES_USER}" \
    pg_ctl -D "$PGDATA" -o "$(printf '%q ' "$@" -c listen_addresses='' -p "${PGPORT:-5432}")" -w start
}

create_database() {
  local exists
  exists=$(POSTGRES_DB= sql --dbname postgres --set db="$POSTGRES_DB" --tuples-only <<<"SELECT 1 FROM pg_database WHERE datname = :'db';")
  if [ -z "$exists" ]; then
    POSTGRES_DB= sql --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
  fi
}

run_init_files() {
  local f
  echo
  for f in /docker-entrypoint-initdb.d/*; do
    case $f in
      *.sh)
        if [ -x "$f" ]; then echo "$0: running $f"; "$f"
        else echo "$0: sourcing $f"; . "$f"
        fi ;;
      *.sql) echo "$0: running $f"; sql -f "$f" ;;
      *.sql.gz) echo "$0: running $f"; gunzip -c "$f" | sql ;;
      *.sql.xz) echo "$0: running $f"; xzcat "$f" | sql ;;
      *.sql.zst) echo "$0: running $f"; zstd -dc "$f" | sql ;;
      */\*) ;;
      *) echo "$0: ignoring $f" ;;
    esac
    echo
  done
}

wants_help() {
  local a
  for a; do case $a in -'?'|--help|--describe-config|-V|--version) return 0 ;; esac; done
  return 1
}

main() {
  [ "${1:0:1}" = - ] && set -- postgres "$@"
  if [ "$1" = postgres ] && ! wants_help "$@"; then
    read_settings
    prepare_directories
    if [ "$(id -u)" = 0 ]; then
      exec gosu postgres "$BASH_SOURCE" "$@"
    fi
    if [ -z "$DATABASE_ALREADY_EXISTS" ]; then
      refuse_empty_password
      refuse_legacy_layout
      ls /docker-entrypoint-initdb.d/ >/dev/null
      run_initdb
      add_host_rule "$@"
      export PGPASSWORD="${PGPASSWORD:-$POSTGRES_PASSWORD}"
      temp_server "$@"
      create_database
      run_init_files
      PGUSER="${PGUSER:-postgres}" pg_ctl -D "$PGDATA" -m fast -w stop
      unset PGPASSWORD
      printf '\nPostgreSQL init process complete; ready for start up.\n\n'
    else
      printf '\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n'
    fi
  fi
  exec "$@"
}

main "$@"
