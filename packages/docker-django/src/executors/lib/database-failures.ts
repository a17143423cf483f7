import { ComposeError } from './errors';

/**
 * Recognises PostgreSQL refusing the app's password in the logs of the services that failed
 * (migrate or server): the database volume was initialised with other passwords than the
 * secret files hold now (secrets/ deleted or replaced, the demo run again, a volume another
 * workspace made). Pure: text in, the role out.
 */
const AUTH_FAILED = /password authentication failed for user "([^"]+)"/;

export function recogniseDatabaseAuthFailure(logs: string): { role: string } | undefined {
  const match = AUTH_FAILED.exec(logs);
  return match ? { role: match[1] } : undefined;
}

export function databaseAuthError(
  project: string,
  composeProject: string,
  role: string,
  downTarget = 'compose-down',
): ComposeError {
  return new ComposeError(
    `The database of project "${project}" refused the password of role "${role}" (password ` +
      `authentication failed): its volume (compose project "${composeProject}", volume db-data) ` +
      "was initialised with other passwords than the files in the project's secrets/ folder " +
      'hold now; PostgreSQL reads them only when it creates the database. Two ways out: ' +
      'restore the secret files the volume was made with (secrets/db-password.txt and, with ' +
      "the app's own role, secrets/app-db-password.txt) and run the target again; or delete " +
      `the database with \`nx run ${project}:${downTarget} --volumes\` (this deletes all its ` +
      'data) and run the target again to start afresh with the current files.',
  );
}
