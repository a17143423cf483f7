import { normalizePythonName, requirementName } from './names';

describe('normalizePythonName', () => {
  it.each([
    ['Django', 'django'],
    ['core_lib', 'core-lib'],
    ['Core.Lib', 'core-lib'],
    ['core--__lib', 'core-lib'],
    ['  core  ', 'core'],
  ])('normalises %p to %p', (name, expected) => {
    expect(normalizePythonName(name)).toBe(expected);
  });
});

describe('package names', () => {
  it.each([
    ['gunicorn', 'gunicorn'],
    ['Gunicorn', 'gunicorn'],
    ['Django_Environ', 'django-environ'],
    ['zope.interface', 'zope-interface'],
  ])('normalises %j to %j', (name, normalised) => {
    expect(normalizePythonName(name)).toBe(normalised);
  });

  it.each([
    ['gunicorn[gevent,setproctitle]>=23 ; python_version >= "3.9"', 'gunicorn'],
    ['  Django (>=5.1)', 'django'],
    ['--hash=sha256:abc', null],
  ])('reads the name of %j as %j', (requirement, name) => {
    expect(requirementName(requirement)).toBe(name);
  });
});
