import { systemPackagesFor } from '../../python/system-packages';
import { buildLayout } from './build-layout';
import { dependencyStages, type DependencyStageInput } from './dependency-stages';

const layout = buildLayout('apps/api', []);

const input = (over: Partial<DependencyStageInput>): DependencyStageInput => ({
  manager: 'pip',
  dependencyFile: 'requirements.txt',
  lockFile: null,
  requirementFiles: ['requirements.txt'],
  layout,
  ...over,
});

describe('dependencyStages: system packages', () => {
  it('installs nothing with apt when no dependency needs a system package', () => {
    const stages = dependencyStages(input({ systemPackages: systemPackagesFor(['Django']) }));

    expect(`${stages.builderStage}\n${stages.runtimeDependencies}`).not.toContain('apt-get');
  });

  it('builds with the build packages and runs with the runtime libraries, saying who needs them', () => {
    const stages = dependencyStages(
      input({ systemPackages: systemPackagesFor(['psycopg2==2.9.11', 'python-magic']) }),
    );

    expect(stages.builderStage).toContain(
      '# System packages the dependencies need to build: psycopg2 (build-essential libpq-dev).',
    );
    expect(stages.builderStage).toContain(
      '    && apt-get install -y --no-install-recommends build-essential libpq-dev',
    );
    expect(stages.builderStage).toContain(
      '--mount=type=cache,target=/var/cache/apt,sharing=locked',
    );
    expect(stages.runtimeDependencies).toContain(
      '    && apt-get install -y --no-install-recommends libmagic1 libpq5',
    );
    expect(stages.runtimeDependencies).not.toContain('build-essential');
  });

  it('installs the builder packages before the dependencies', () => {
    const { builderStage } = dependencyStages(
      input({ systemPackages: systemPackagesFor(['uwsgi']) }),
    );

    expect(builderStage.indexOf('apt-get install')).toBeLessThan(
      builderStage.indexOf('pip install'),
    );
  });

  it('adds git to the builder for VCS requirements', () => {
    const { builderStage } = dependencyStages(
      input({ systemPackages: systemPackagesFor([], { needsGit: true }) }),
    );

    expect(builderStage).toContain('apt-get install -y --no-install-recommends git');
  });
});

describe('dependencyStages: production groups', () => {
  it('installs uv production groups and extras with the main dependencies', () => {
    const { builderStage } = dependencyStages(
      input({
        manager: 'uv',
        dependencyFile: 'pyproject.toml',
        lockFile: 'uv.lock',
        groups: ['prod'],
        extras: ['webserver'],
      }),
    );

    expect(builderStage).toContain(
      'uv sync --locked --no-install-project --no-dev --group prod --extra webserver',
    );
  });

  it('installs Poetry production groups with main', () => {
    const { builderStage } = dependencyStages(
      input({
        manager: 'poetry',
        dependencyFile: 'pyproject.toml',
        lockFile: 'poetry.lock',
        groups: ['production'],
      }),
    );

    expect(builderStage).toContain('poetry install --only main,production --no-root');
  });

  it('installs the Pipenv production categories with [packages] after checking the lock', () => {
    const { builderStage } = dependencyStages(
      input({
        manager: 'pipenv',
        dependencyFile: 'Pipfile',
        lockFile: 'Pipfile.lock',
        groups: ['prod'],
      }),
    );

    expect(builderStage).toContain(
      "    pipenv verify \\\n    && pipenv requirements --categories='packages prod' > /tmp/requirements.txt \\\n",
    );
  });

  it('resolves a Pipfile without a lock in the builder', () => {
    const { builderStage } = dependencyStages(
      input({ manager: 'pipenv', dependencyFile: 'Pipfile', lockFile: null }),
    );

    expect(builderStage).toContain(
      '    pipenv lock \\\n    && pipenv requirements > /tmp/requirements.txt',
    );
    expect(builderStage).not.toContain('Pipfile.lock,target');
  });

  it('reads a Pipfile.lock without its Pipfile with Python, not pipenv (which needs the Pipfile)', () => {
    const { builderStage } = dependencyStages(
      input({ manager: 'pipenv', dependencyFile: 'Pipfile.lock', lockFile: 'Pipfile.lock' }),
    );

    expect(builderStage).not.toContain('install pipenv');
    expect(builderStage).not.toMatch(/^\s*(&& )?pipenv /m);
    expect(builderStage).toContain(
      '--mount=type=bind,source=Pipfile.lock,target=/app/Pipfile.lock \\\n    python -c \'import json; lock = json.load(open("Pipfile.lock"))',
    );
  });
});
