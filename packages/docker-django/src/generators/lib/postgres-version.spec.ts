import {
  defaultPostgresVersion,
  existingPostgres,
  parsePostgresVersion,
  postgresDataPath,
} from './postgres-version';

describe('postgres version', () => {
  it.each([
    [13, '/var/lib/postgresql/data'],
    [17, '/var/lib/postgresql/data'],
    [18, '/var/lib/postgresql'],
  ])('mounts the data of PostgreSQL %p at %s', (major, path) => {
    expect(postgresDataPath(major)).toBe(path);
  });

  it.each([
    [undefined, undefined],
    [17, 17],
    ['17', 17],
    [' 13 ', 13],
  ])('reads --postgresVersion %p as %p', (value, major) => {
    expect(parsePostgresVersion(value, 'api')).toBe(major);
  });

  it('names the value, the project and the fix when the major is out of range', () => {
    expect(() => parsePostgresVersion(19, 'api')).toThrow(
      'Invalid --postgresVersion "19" for project "api": expected a PostgreSQL major from 13 to 18 ' +
        '(the image is postgres:<major>). Pass e.g. --postgresVersion 18.',
    );
  });

  const compose = (db: string, record = '') =>
    `x-docker-django:\n  database: postgres\n${record}services:\n  db:\n${db}`;

  it.each([
    ['postgres:16', 16],
    ['postgres:16.4-bookworm', 16],
    ['docker.io/library/postgres:15-alpine', 15],
    ['postgres', undefined],
    ['postgres:latest', undefined],
    ['postgres@sha256:abc', undefined],
  ])('reads the major of image %s as %p', (image, major) => {
    const text = compose(
      `    image: ${image}\n    volumes: ["db-data:/var/lib/postgresql/data"]\n`,
    );
    expect(existingPostgres(text)?.major).toBe(major);
  });

  it('takes the recorded major when the image has no tag', () => {
    const text = compose('    image: postgres\n', '  postgresVersion: 15\n');
    expect(existingPostgres(text)?.major).toBe(15);
  });

  it('reads the long volume syntax and ignores other mounts', () => {
    const text = compose(
      '    image: postgres:18\n    volumes:\n      - ./init:/docker-entrypoint-initdb.d\n' +
        '      - { type: volume, source: pgdata, target: /var/lib/postgresql/ }\n',
    );
    expect(existingPostgres(text)).toEqual({
      service: 'db',
      image: 'postgres:18',
      major: 18,
      dataPath: '/var/lib/postgresql',
      volume: 'pgdata',
    });
  });

  it.each([
    ['no file', null],
    ['no postgres service', 'services:\n  db:\n    image: mysql:8\n'],
    ['YAML that does not parse', 'services: [\n'],
  ])('finds no PostgreSQL service in %s', (_, text) => {
    expect(existingPostgres(text)).toBeNull();
  });

  it('defaults to the existing major when it is known and supported, else to 18', () => {
    const at = (image: string) => existingPostgres(compose(`    image: ${image}\n`));
    expect(defaultPostgresVersion(at('postgres:15'))).toBe(15);
    expect(defaultPostgresVersion(at('postgres:12'))).toBe(18);
    expect(defaultPostgresVersion(at('postgres'))).toBe(18);
    expect(defaultPostgresVersion(null)).toBe(18);
  });
});
