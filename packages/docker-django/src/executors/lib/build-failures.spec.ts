import { describeBuildFailure, recogniseBuildFailure, type BuildFailure } from './build-failures';

// Captured from `docker compose build` (Compose 2.26, BuildKit plain progress) of a generated
// project whose requirements.txt names a package the index lacks.
const PIP_PLAIN = `#4 [server builder 1/3] FROM docker.io/library/python:3.11-slim
#4 DONE 0.0s
#6 [server builder 2/3] WORKDIR /app
#6 CACHED
#7 [server builder 3/3] RUN --mount=type=cache,target=/root/.cache/pip     --mount=type=bind,source=requirements.txt,target=/app/requirements.txt     mkdir -p /install && python -m pip install --prefix=/install -r requirements.txt
#7 2.356 Looking in links: /usr/share/python-wheels
#7 2.377 Requirement already satisfied: Django<4,>=3.2 in /usr/lib/python3/dist-packages (from -r requirements.txt (line 1)) (3.2.25)
#7 2.446 ERROR: Could not find a version that satisfies the requirement nosuchpkg==9.9 (from versions: none)
#7 2.449 ERROR: No matching distribution found for nosuchpkg==9.9
#7 ERROR: executor failed running [/bin/sh -c mkdir -p /install && python -m pip install --prefix=/install -r requirements.txt]: exit code: 1
------
 > [server builder 3/3] RUN --mount=type=cache,target=/root/.cache/pip     --mount=type=bind,source=requirements.txt,target=/app/requirements.txt     mkdir -p /install && python -m pip install --prefix=/install -r requirements.txt:
2.446 ERROR: Could not find a version that satisfies the requirement nosuchpkg==9.9 (from versions: none)
2.449 ERROR: No matching distribution found for nosuchpkg==9.9
------
failed to solve: executor failed running [/bin/sh -c mkdir -p /install && python -m pip install --prefix=/install -r requirements.txt]: exit code: 1
`;

// Only the summary box survives when the tail was cut (or with tty progress).
const PIP_BOX_ONLY = `------
 > [web builder 4/6] RUN --mount=type=cache,target=/root/.cache/pip     --mount=type=bind,source=pyproject.toml,target=/app/pyproject.toml     python -c "..." > /tmp/requirements.txt     && mkdir -p /install && python -m pip install --prefix=/install -r /tmp/requirements.txt:
3.10 ERROR: Could not find a version that satisfies the requirement Djngo>=5.0 (from -r /tmp/requirements.txt (line 1)) (from versions: none)
3.11 ERROR: No matching distribution found for Djngo>=5.0
------
`;

// Newer pip names the requirements file and line.
const PIP_FROM_FILE = `#3 [api builder 1/3] FROM docker.io/library/python:3.13-slim@sha256:abc
#9 [api builder 3/3] RUN --mount=type=bind,source=requirements/base.txt,target=/app/requirements/base.txt     --mount=type=bind,source=requirements/prod.txt,target=/app/requirements/prod.txt     python -m pip install --prefix=/install -r requirements/prod.txt
#9 4.1 ERROR: Could not find a version that satisfies the requirement django-foo==1.2 (from -r requirements/base.txt (line 4)) (from versions: 0.9, 1.0)
#9 4.1 ERROR: No matching distribution found for django-foo==1.2
`;

const PG_CONFIG = `#8 [server builder 3/3] RUN python -m pip install -r requirements.txt
#8 9.87   Error: pg_config executable not found.
#8 9.87   pg_config is required to build psycopg2 from source.  Please add the directory
`;

const ADDUSER = `#10 [server runtime 2/6] RUN adduser --system --uid 10001 appuser
#10 0.301 /bin/sh: 1: adduser: not found
#10 ERROR: process "/bin/sh -c adduser --system --uid 10001 appuser" did not complete successfully: exit code: 127
`;

describe('recogniseBuildFailure', () => {
  it.each<[string, string, string[], BuildFailure | undefined]>([
    [
      'pip, plain progress: requirement, service, mounted file, base image Python',
      PIP_PLAIN,
      ['server'],
      {
        kind: 'pip-no-distribution',
        requirement: 'nosuchpkg==9.9',
        service: 'server',
        dependencyFile: 'requirements.txt',
        pythonVersion: '3.11',
      },
    ],
    [
      'pip, summary box only, pyproject stage: the mounted pyproject.toml, not /tmp',
      PIP_BOX_ONLY,
      ['web', 'db'],
      {
        kind: 'pip-no-distribution',
        requirement: 'Djngo>=5.0',
        service: 'web',
        dependencyFile: 'pyproject.toml',
      },
    ],
    [
      'pip naming the file and line of the requirement',
      PIP_FROM_FILE,
      ['api', 'worker'],
      {
        kind: 'pip-no-distribution',
        requirement: 'django-foo==1.2',
        service: 'api',
        dependencyFile: 'requirements/base.txt (line 4)',
        pythonVersion: '3.13',
      },
    ],
    [
      'pip without BuildKit framing (compose v1 legacy builder): requirement only',
      'Step 4/9 : RUN pip install -r requirements.txt\nERROR: No matching distribution found for left-pad\n',
      ['server', 'db'],
      { kind: 'pip-no-distribution', requirement: 'left-pad' },
    ],
    [
      'a service that is not in the compose file is not named',
      PIP_PLAIN,
      ['web', 'db'],
      {
        kind: 'pip-no-distribution',
        requirement: 'nosuchpkg==9.9',
        dependencyFile: 'requirements.txt',
        pythonVersion: '3.11',
      },
    ],
    [
      'psycopg2 from source without pg_config',
      PG_CONFIG,
      ['server'],
      { kind: 'pg-config-missing', service: 'server' },
    ],
    [
      'adduser on a Debian 13 slim image',
      ADDUSER,
      ['server'],
      { kind: 'adduser-missing', command: 'adduser', service: 'server' },
    ],
    [
      'colour codes are ignored',
      '\x1b[31m#5 [web 2/2] RUN pip install x\x1b[0m\n#5 1.0 \x1b[31mERROR: No matching distribution found for x\x1b[0m\n',
      ['web'],
      { kind: 'pip-no-distribution', requirement: 'x', service: 'web' },
    ],
    [
      'an unrecognised failure',
      '#5 ERROR: failed to compute cache key: "/app" not found\n',
      ['web'],
      undefined,
    ],
    ['no output', '', [], undefined],
  ])('%s', (_, output, services, expected) => {
    expect(recogniseBuildFailure(output, services)).toEqual(expected);
  });
});

describe('describeBuildFailure', () => {
  it('pip: what failed, the requirement, the service, the file, the Python, the fix', () => {
    expect(
      describeBuildFailure(
        {
          kind: 'pip-no-distribution',
          requirement: 'nosuchpkg==9.9',
          service: 'server',
          dependencyFile: 'requirements.txt',
          pythonVersion: '3.11',
        },
        'compose-build',
        'api',
      ),
    ).toBe(
      'compose-build failed for project "api": pip found no distribution for "nosuchpkg==9.9" while ' +
        'building service "server". Check the name and version in requirements.txt (a typo, or a version ' +
        "that does not exist for Python 3.11), or make it available on the package index the image's pip " +
        'uses (PIP_INDEX_URL / --find-links); then run the target again.',
    );
  });

  it('pip with nothing but the requirement known', () => {
    const text = describeBuildFailure(
      { kind: 'pip-no-distribution', requirement: 'left-pad' },
      'compose-up',
      'api',
    );
    expect(text).toContain(
      'compose-up failed for project "api": pip found no distribution for "left-pad". ',
    );
    expect(text).toContain(
      "in the dependency file the Dockerfile installs from (a typo, or a version that does not exist for the image's Python)",
    );
  });

  it('pg_config: libpq-dev and a compiler, or the binary packages', () => {
    const text = describeBuildFailure(
      { kind: 'pg-config-missing', service: 'server' },
      'compose-build',
      'api',
    );
    expect(text).toContain('while building service "server"');
    expect(text).toContain('libpq-dev');
    expect(text).toContain('psycopg2-binary or psycopg[binary]');
  });

  it('adduser: useradd/groupadd, or re-generate with --overwrite', () => {
    const text = describeBuildFailure(
      { kind: 'adduser-missing', command: 'adduser', service: 'server' },
      'compose-build',
      'api',
    );
    expect(text).toContain('groupadd/useradd');
    expect(text).toContain('`nx g docker-django:init --project api --overwrite`');
  });
});
