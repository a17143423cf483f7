import { joinPathFragments, type Tree } from '@nx/devkit';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedInitOptions } from '../../lib/normalize-options';

/** Secret files, relative to the project root; .dockerignore keeps the folder out of the image. */
export const SECRET_FILES = {
  directory: 'secrets',
  djangoSecretKey: 'secrets/django-secret-key.txt',
  dbPassword: 'secrets/db-password.txt',
  appDbPassword: 'secrets/app-db-password.txt',
} as const;

/** The image's appuser (Dockerfile `ARG UID`), which reads the Django key and the app's password. */
export const APP_UID = 10001;

/**
 * A new secret file and the uid of the container user that reads it. Compose bind-mounts a
 * file secret as it is on the host (its `uid`/`gid`/`mode` apply only in swarm:
 * docker/compose#9648), so the owner and mode on the host are what the container sees.
 */
export interface CreatedSecret {
  path: string;
  /** null: read only by the db service's root entrypoint, which reads any file. */
  readerUid: number | null;
}

/**
 * The mode a new secret file gets, whatever the umask: 0600 when the generator runs as root
 * (it then gives each file to the uid that reads it, see ownSecrets), else 0644, because a
 * user's 0600 file bind-mounted into a container is unreadable to the container's user.
 */
export function secretFileMode(runningAsRoot: boolean): number {
  return runningAsRoot ? 0o600 : 0o644;
}

export function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function randomSecret(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Creates the secret files compose mounts, each with a fresh random value, and a .gitignore
 * that keeps them out of git. An existing secret is never rewritten, not even with
 * --overwrite: a database volume initialised with the old password would lock the app out.
 */
export function addSecrets(tree: Tree, options: NormalizedInitOptions): CreatedSecret[] {
  const postgres = options.database === 'postgres';
  const appRole = postgres && options.hardening.appDatabaseRole;
  const wanted: Array<{ file: string; readerUid: number | null; bytes: number }> = [
    { file: SECRET_FILES.djangoSecretKey, readerUid: APP_UID, bytes: 48 },
  ];
  // Without the app's own role, the app connects as the superuser and reads its password.
  if (postgres)
    wanted.push({ file: SECRET_FILES.dbPassword, readerUid: appRole ? null : APP_UID, bytes: 24 });
  if (appRole) wanted.push({ file: SECRET_FILES.appDbPassword, readerUid: APP_UID, bytes: 24 });
  const created: CreatedSecret[] = [];
  const mode = secretFileMode(runningAsRoot());
  for (const { file, readerUid, bytes } of wanted) {
    const path = joinPathFragments(options.projectRoot, file);
    if (tree.exists(path)) continue;
    tree.write(path, `${randomSecret(bytes)}\n`, { mode });
    created.push({ path, readerUid });
  }
  const gitignore = joinPathFragments(options.projectRoot, SECRET_FILES.directory, '.gitignore');
  if (!tree.exists(gitignore))
    tree.write(
      gitignore,
      '# Secrets written by docker-django: never commit them.\n*\n!.gitignore\n',
    );
  return created;
}

/**
 * After the files are on disk, as root: each new secret (0600) goes to the uid that reads it in
 * its container, so it stays private on the host and readable in the container under any umask.
 */
export function ownSecrets(workspaceRoot: string, created: CreatedSecret[]): void {
  if (!runningAsRoot()) return;
  for (const { path, readerUid } of created) {
    const file = join(workspaceRoot, path);
    // Not on disk after a dry run (nor in a test's virtual tree): nothing to give away.
    if (readerUid !== null && existsSync(file)) chownSync(file, readerUid, readerUid);
  }
}
