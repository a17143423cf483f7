import { systemPackagesFor } from './system-packages';

describe('systemPackagesFor', () => {
  it.each([
    [['psycopg2==2.9.11'], ['build-essential', 'libpq-dev'], ['libpq5']],
    [['psycopg[c,pool]==3.3'], ['build-essential', 'libpq-dev'], ['libpq5']],
    [['psycopg-c==3.3.0'], ['build-essential', 'libpq-dev'], ['libpq5']],
    [['psycopg==3.3.4'], [], ['libpq5']],
    [['psycopg[binary]==3.3.4'], [], []],
    [['psycopg==3.3', 'psycopg-binary==3.3'], [], []],
    [['psycopg2-binary==2.9.10'], [], []],
    [
      ['mysqlclient~=2.2.7'],
      ['build-essential', 'default-libmysqlclient-dev', 'pkg-config'],
      ['libmariadb3'],
    ],
    [
      ['python-ldap==3.4'],
      ['build-essential', 'libldap2-dev', 'libsasl2-dev'],
      ['libldap2', 'libsasl2-2'],
    ],
    [['uWSGI==2.0.31'], ['build-essential'], []],
    [['python-magic~=0.4.27'], [], ['libmagic1']],
    [['CairoSVG==2.7'], [], ['libcairo2']],
    [['cairocffi'], [], ['libcairo2']],
    [['weasyprint==66.0'], [], ['libpango-1.0-0', 'libpangoft2-1.0-0', 'libharfbuzz-subset0']],
    [
      ['xmlsec==1.3.14'],
      ['build-essential', 'libxmlsec1-dev', 'pkg-config'],
      ['libxmlsec1', 'libxmlsec1-openssl'],
    ],
    [
      ['python3-saml==1.16'],
      ['build-essential', 'libxmlsec1-dev', 'pkg-config'],
      ['libxmlsec1', 'libxmlsec1-openssl'],
    ],
    [['Django==5.2', 'Pillow', 'lxml', 'gunicorn'], [], []],
  ])('%j needs build %j and runtime %j', (requirements, build, runtime) => {
    const packages = systemPackagesFor(requirements);

    expect(packages.build).toEqual([...build].sort());
    expect(packages.runtime).toEqual([...runtime].sort());
  });

  it('adds git to the builder for VCS requirements', () => {
    expect(systemPackagesFor(['Django'], { needsGit: true }).build).toEqual(['git']);
  });

  it("uses bookworm's library names for images of older Pythons", () => {
    expect(systemPackagesFor(['python-ldap'], { pythonVersion: '3.9' }).runtime).toEqual([
      'libldap-2.5-0',
      'libsasl2-2',
    ]);
  });

  it.each([
    ['psycopg2-binary==2.9.10', '3.14', ['build-essential', 'libpq-dev']],
    ['psycopg2-binary==2.9.11', '3.14', []],
    ['psycopg2-binary==2.9.10', '3.13', []],
    ['psycopg2-binary==2.9.6', '3.12', ['build-essential', 'libpq-dev']],
    ['psycopg2-binary~=2.9.0', '3.14', []],
    ['psycopg2-binary==2.8.5', '3.8', []],
    // psycopg2 2.7.x carried its own wheels (libpq bundled), up to 3.6 and from 2.7.5 to 3.7.
    ['psycopg2==2.7.1', '3.6', []],
    ['psycopg2==2.7.7', '3.7', []],
    ['psycopg2==2.7.1', '3.8', ['build-essential', 'libpq-dev']],
    ['psycopg2==2.8.6', '3.8', ['build-essential', 'libpq-dev']],
    ['cmarkgfm==2024.11.20', '3.14', ['build-essential']],
    ['cmarkgfm==2024.11.20', '3.13', []],
  ])('builds %s from source on Python %s when it has no wheel there', (spec, python, build) => {
    expect(systemPackagesFor([spec], { pythonVersion: python }).build).toEqual(build);
  });

  it.each([
    ['Twisted==20.3.0', ['build-essential']],
    ['twisted==21.2.0', []],
    ['Twisted>=20', []],
  ])('compiles %s when the pin predates Linux wheels', (spec, build) => {
    expect(systemPackagesFor([spec], { pythonVersion: '3.8' }).build).toEqual(build);
  });

  it('says which dependency needs what, once each', () => {
    const { reasons, build } = systemPackagesFor(['psycopg2', 'uwsgi', 'psycopg2']);

    expect(reasons.map((r) => r.dependency)).toEqual(['psycopg2', 'uwsgi']);
    expect(build).toEqual(['build-essential', 'libpq-dev']);
  });
});
