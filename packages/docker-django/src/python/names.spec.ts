import { exactPin, normalizePythonName, requirementName } from './names';

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

describe('exactPin', () => {
  it.each([
    ['psycopg2-binary==2.9.6', '2.9.6'],
    ['Django[argon2] == 4.2.8 ; python_version >= "3.8"', '4.2.8'],
    ['gunicorn>=21,==21.2.0', '21.2.0'],
    ['django==4.2.*', null],
    ['django>=4.2', null],
    ['django~=4.2.0', null],
  ])('%s pins %s', (spec, release) => {
    expect(exactPin(spec)).toBe(release);
  });
});
