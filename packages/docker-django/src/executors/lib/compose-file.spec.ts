import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  assertServicesExist,
  parseComposeText,
  MAX_COMPOSE_FILE_BYTES,
  readComposeFile,
  servicesWithDependencies,
} from './compose-file';
import { ComposeError } from './errors';

const DJANGO = `
x-app: &app
  build: .
  env_file: .env
services:
  migrate:
    <<: *app
    command: ["python", "manage.py", "migrate"]
    depends_on:
      db:
        condition: service_healthy
  web:
    <<: *app
    ports: ["8000:8000"]
    depends_on:
      migrate:
        condition: service_completed_successfully
      db:
        condition: service_healthy
  worker:
    <<: *app
    depends_on: [db, redis]
  db:
    image: postgres:16
  redis:
    image: redis:7
`;

describe('parseComposeText', () => {
  it('lists the services in file order', () => {
    expect(parseComposeText(DJANGO, '/p/compose.yaml', 'api').services).toEqual([
      'migrate',
      'web',
      'worker',
      'db',
      'redis',
    ]);
  });

  it('finds one-shot services others wait for with service_completed_successfully', () => {
    expect(parseComposeText(DJANGO, '/p/compose.yaml', 'api').completionServices).toEqual([
      'migrate',
    ]);
  });

  it('reads depends_on in both the list and the mapping syntax', () => {
    const summary = parseComposeText(DJANGO, '/p/compose.yaml', 'api');
    expect(summary.dependsOn['web']).toEqual(['migrate', 'db']);
    expect(summary.dependsOn['worker']).toEqual(['db', 'redis']);
    expect(summary.dependsOn['db']).toEqual([]);
  });

  it.each<[string, string, RegExp]>([
    [
      'bad indentation',
      'services:\n  web:\n    image: x\n   ports:\n      - "8000"\n',
      new RegExp(
        /Compose file "\/p\/compose\.yaml" of project "api" is malformed at line 4, /.source +
          /column \d+: .+\. Fix \/p\/compose\.yaml:4:\d+/.source,
      ),
    ],
    [
      // A double-quoted scalar may span lines, so the parser reports where the file ends.
      'an unclosed quote',
      'services:\n  web:\n    image: "python:3.12\n',
      /is malformed at line 4, column 1: Missing closing "quote\./,
    ],
    [
      'a duplicate key',
      'services:\n  web:\n    image: a\n  web:\n    image: b\n',
      /is malformed at line 4, column 3: Map keys must be unique/,
    ],
    [
      'a top-level list',
      '- web\n- db\n',
      /is malformed at line 1, column 1: the top level must be a mapping/,
    ],
    [
      'no services section',
      'volumes:\n  data: {}\n',
      /is malformed: it has no `services:` section/,
    ],
    [
      'services as a list',
      'version: "3"\nservices:\n  - web\n',
      /is malformed at line 3, column 3: `services:` must be a mapping/,
    ],
  ])('rejects %s with the file and line', (_, text, message) => {
    const parse = () => parseComposeText(text, '/p/compose.yaml', 'api');
    expect(parse).toThrow(ComposeError);
    expect(parse).toThrow(message);
  });

  it('accepts a file whose services all come from include', () => {
    const summary = parseComposeText(
      'include:\n  - ../db/compose.yaml\n',
      '/p/compose.yaml',
      'api',
    );
    expect(summary.hasInclude).toBe(true);
    expect(summary.services).toEqual([]);
  });
});

describe('readComposeFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'docker-django-compose-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads and parses the file', () => {
    writeFileSync(join(dir, 'compose.yaml'), DJANGO);
    expect(readComposeFile(join(dir, 'compose.yaml'), 'api').services).toContain('web');
  });

  it('names the missing file and the init generator', () => {
    const path = join(dir, 'compose.yaml');
    expect(() => readComposeFile(path, 'api')).toThrow(
      `No compose file "${path}" for project "api". To generate one, run \`nx g docker-django:init --project api\`.`,
    );
  });

  it('points at another compose file name found beside the missing one', () => {
    writeFileSync(join(dir, 'docker-compose.yml'), DJANGO);
    expect(() => readComposeFile(join(dir, 'compose.yaml'), 'api')).toThrow(
      /Found "docker-compose\.yml" there: pass --composeFile docker-compose\.yml to use it\./,
    );
  });

  describe('refuses what is not a compose file before reading it', () => {
    const unusable = (path: string, problem: string) =>
      `Compose file "${path}" of project "api" cannot be used: ${problem}. Pass --composeFile ` +
      'with the path of the compose YAML file (relative to the project root), then run the target again.';

    it('a directory', () => {
      const path = join(dir, 'compose.yaml');
      mkdirSync(path);
      expect(() => readComposeFile(path, 'api')).toThrow(
        unusable(path, 'it is a directory, not a regular file'),
      );
    });

    it('/dev/zero, at once (it used to be read until memory ran out)', () => {
      const started = Date.now();
      expect(() => readComposeFile('/dev/zero', 'api')).toThrow(
        unusable('/dev/zero', 'it is a device, not a regular file'),
      );
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('a symlink to a device', () => {
      const path = join(dir, 'compose.yaml');
      symlinkSync('/dev/zero', path);
      expect(() => readComposeFile(path, 'api')).toThrow(
        unusable(path, 'it is a device, not a regular file'),
      );
    });

    it('a FIFO, without blocking on it', () => {
      const path = join(dir, 'compose.yaml');
      execFileSync('mkfifo', [path]);
      expect(() => readComposeFile(path, 'api')).toThrow(
        unusable(path, 'it is a named pipe (FIFO), not a regular file'),
      );
    });

    it('a file over 1 MiB', () => {
      const path = join(dir, 'compose.yaml');
      writeFileSync(path, `services: {}\n#${'x'.repeat(MAX_COMPOSE_FILE_BYTES)}\n`);
      expect(() => readComposeFile(path, 'api')).toThrow(
        unusable(
          path,
          `it is ${MAX_COMPOSE_FILE_BYTES + 15} bytes, more than the 1048576 a compose file may have here`,
        ),
      );
    });
  });

  it('reports a malformed file with its absolute path and line', () => {
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: x\n  ports: [\n');
    expect(() => readComposeFile(join(dir, 'compose.yaml'), 'api')).toThrow(
      new RegExp(`${join(dir, 'compose.yaml').replace(/[.]/g, '\\.')}:\\d+:\\d+`),
    );
  });
});

describe('assertServicesExist', () => {
  const summary = parseComposeText(DJANGO, '/p/compose.yaml', 'api');

  it('accepts defined services', () => {
    expect(() => assertServicesExist(summary, ['web', 'db'], 'api')).not.toThrow();
  });

  it('lists the services of the file when one is unknown', () => {
    expect(() => assertServicesExist(summary, ['web', 'server'], 'api')).toThrow(
      'Service "server" not found in "/p/compose.yaml" of project "api". Services defined there: ' +
        'migrate, web, worker, db, redis. Fix --services.',
    );
  });

  it('names every unknown service', () => {
    expect(() => assertServicesExist(summary, ['a', 'b'], 'api')).toThrow(
      /Services "a", "b" not found/,
    );
  });

  it('cannot judge services when the file includes others', () => {
    const included = parseComposeText('include: [other.yaml]\n', '/p/compose.yaml', 'api');
    expect(() => assertServicesExist(included, ['anything'], 'api')).not.toThrow();
  });
});

describe('servicesWithDependencies', () => {
  const summary = parseComposeText(DJANGO, '/p/compose.yaml', 'api');

  it.each<[string[], string[]]>([
    [[], ['migrate', 'web', 'worker', 'db', 'redis']],
    [['web'], ['web', 'migrate', 'db']],
    [['worker'], ['worker', 'db', 'redis']],
    [['db'], ['db']],
  ])('%j -> %j', (requested, expected) => {
    expect(servicesWithDependencies(summary, requested)).toEqual(expected);
  });
});
