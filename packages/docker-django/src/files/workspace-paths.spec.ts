import { normalizeRoot, projectOwning } from './workspace-paths';

describe('normalizeRoot', () => {
  it.each([
    ['', '.'],
    ['.', '.'],
    ['./', '.'],
    ['apps/api/', 'apps/api'],
    ['./apps/api', 'apps/api'],
    ['apps\\api', 'apps/api'],
  ])('normalises %p to %p', (root, expected) => {
    expect(normalizeRoot(root)).toBe(expected);
  });
});

describe('projectOwning', () => {
  const projects = [
    { name: 'root', root: '.' },
    { name: 'core', root: 'libs/core' },
    { name: 'core-sub', root: 'libs/core/sub' },
  ];

  it.each([
    ['libs/core', 'core'],
    ['libs/core/src/x.py', 'core'],
    ['libs/core/sub/y', 'core-sub'],
    ['libs/core-extra', 'root'],
    ['.', 'root'],
  ])('gives %p to the project with the deepest root holding it (%p)', (path, owner) => {
    expect(projectOwning(projects, path)?.name).toBe(owner);
  });

  it('gives undefined when no root holds the path', () => {
    expect(projectOwning(projects.slice(1), 'apps/api')).toBeUndefined();
    expect(projectOwning(projects, undefined)).toBeUndefined();
  });
});
