import { manifestKind } from './manifest-refs';

describe('manifestKind', () => {
  it.each([
    ['apps/api/requirements.txt', 'apps/api', 'requirements'],
    ['apps/api/requirements-dev.txt', 'apps/api', 'requirements'],
    ['apps/api/requirements_prod.txt', 'apps/api', 'requirements'],
    ['apps/api/requirements.in', 'apps/api', 'requirements'],
    ['apps/api/requirements/base.txt', 'apps/api', 'requirements'],
    ['apps/api/requirements/local.in', 'apps/api', 'requirements'],
    ['apps/api/pyproject.toml', 'apps/api', 'pyproject'],
    ['apps/api/pyproject.toml', './apps/api/', 'pyproject'],
    ['pyproject.toml', '.', 'pyproject'],
    ['requirements.txt', '', 'requirements'],
    ['apps/api/src/requirements.txt', 'apps/api', undefined],
    ['apps/api/requirements/nested/base.txt', 'apps/api', undefined],
    ['apps/api/docs/pyproject.toml', 'apps/api', undefined],
    ['apps/api/constraints.txt', 'apps/api', undefined],
    ['apps/api/requirements.txt.bak', 'apps/api', undefined],
    ['apps/api-v2/requirements.txt', 'apps/api', undefined],
    ['libs/core/requirements.txt', 'apps/api', undefined],
  ])('%s in a project at "%s" is %p', (file, root, kind) => {
    expect(manifestKind(file, root)).toBe(kind);
  });
});
