import { databaseAuthError, recogniseDatabaseAuthFailure } from './database-failures';

describe('recogniseDatabaseAuthFailure', () => {
  it('names the role psycopg reports in a migrate log', () => {
    const logs = [
      'migrate-1  | Traceback (most recent call last):',
      'migrate-1  | psycopg2.OperationalError: connection to server at "db" (172.20.0.2), port 5432 failed: FATAL:  password authentication failed for user "app"',
    ].join('\n');
    expect(recogniseDatabaseAuthFailure(logs)).toEqual({ role: 'app' });
  });

  it('recognises nothing in the logs of other failures', () => {
    expect(
      recogniseDatabaseAuthFailure('django.db.utils.ProgrammingError: relation "x" does not exist'),
    ).toBeUndefined();
    expect(recogniseDatabaseAuthFailure('')).toBeUndefined();
  });
});

describe('databaseAuthError', () => {
  it('says what happened and gives both ways out, naming the data loss', () => {
    const message = databaseAuthError('api', 'api', 'app', 'down').message;
    expect(message).toContain('refused the password of role "app"');
    expect(message).toContain('restore the secret files the volume was made with');
    expect(message).toContain('`nx run api:down --volumes` (this deletes all its data)');
  });
});
