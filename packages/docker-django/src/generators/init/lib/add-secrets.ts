import { joinPathFragments, type Tree } from '@nx/devkit';
import { randomBytes } from 'node:crypto';
import type { NormalizedInitOptions } from '../../lib/normalize-options';

/** Secret files, relative to the project root; .dockerignore keeps the folder out of the image. */
export const SECRET_FILES = {
  directory: 'secrets',
  djangoSecretKey: 'secrets/django-secret-key.txt',
  dbPassword: 'secrets/db-password.txt',
} as const;

function randomSecret(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Creates the secret files compose mounts, each with a fresh random value, and a .gitignore
 * that keeps them out of git. An existing secret is never rewritten, not even with
 * --overwrite: a database volume initialised with the old password would lock the app out.
 */
export function addSecrets(tree: Tree, options: NormalizedInitOptions): string[] {
  const wanted: string[] = [SECRET_FILES.djangoSecretKey];
  if (options.database === 'postgres') wanted.push(SECRET_FILES.dbPassword);
  const created: string[] = [];
  for (const file of wanted) {
    const path = joinPathFragments(options.projectRoot, file);
    if (tree.exists(path)) continue;
    tree.write(path, `${randomSecret(file === SECRET_FILES.dbPassword ? 24 : 48)}\n`);
    created.push(path);
  }
  const gitignore = joinPathFragments(options.projectRoot, SECRET_FILES.directory, '.gitignore');
  if (!tree.exists(gitignore))
    tree.write(
      gitignore,
      '# Secrets written by docker-django: never commit them.\n*\n!.gitignore\n',
    );
  return created;
}
