import { normalizeRoot, ProjectRoots } from './workspace-paths';

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

describe('ProjectRoots.owning', () => {
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
    expect(new ProjectRoots(projects).owning(path)?.name).toBe(owner);
  });

  it('gives undefined when no root holds the path', () => {
    expect(new ProjectRoots(projects.slice(1)).owning('apps/api')).toBeUndefined();
    expect(new ProjectRoots(projects).owning(undefined)).toBeUndefined();
  });
});
