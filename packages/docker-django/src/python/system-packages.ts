// The Debian packages Python dependencies need on a slim image, which has no compiler and
// few libraries: what the builder stage installs to compile them, what the runtime stage
// installs for them to load. One table; names are Debian 13 (trixie)'s, the release behind
// today's python:<v>-slim images, with bookworm's where they differ (images of Python 3.9
// and older). `gcc` alone has no C library headers on a slim image: build-essential does.
import { exactPin, requirementName } from './names';
import { minorOf, pythonSupportOf } from './python-support';
import { compareReleases } from './release-versions';

export type DebianRelease = 'trixie' | 'bookworm';

export interface RowContext {
  /** Normalised names of every requirement. */
  names: ReadonlySet<string>;
  /** The image's Python, '3.13'; undefined when not known. */
  pythonVersion?: string;
}

/**
 * Whether `spec` pins (==) a release without a wheel for the image's Python (python-support.ts
 * knows the newest it ships wheels for), so pip builds it from its source distribution.
 */
function pinnedWithoutWheel(spec: string, context: RowContext): boolean {
  const name = requirementName(spec);
  const pinned = exactPin(spec);
  const newest = pinned === null || name === null ? null : pythonSupportOf(name, pinned)?.max;
  return (
    newest !== undefined &&
    newest !== null &&
    context.pythonVersion !== undefined &&
    minorOf(context.pythonVersion) > minorOf(newest)
  );
}

/** A pin (==) older than `release`: the package shipped no Linux wheel before it. */
const pinnedBefore =
  (release: string) =>
  (spec: string): boolean => {
    const pinned = exactPin(spec);
    return pinned !== null && compareReleases(pinned, release) < 0;
  };

/** A pin (==) at or after `from` and before `before`. */
const pinnedIn =
  (from: string, before: string) =>
  (spec: string): boolean => {
    const pinned = exactPin(spec);
    return (
      pinned !== null && compareReleases(pinned, from) >= 0 && compareReleases(pinned, before) < 0
    );
  };

export interface SystemPackageRow {
  /** Normalised distribution name. */
  dependency: string;
  /** When the row applies, given the requirement text ('psycopg[c]>=3'); always when absent. */
  applies?: (spec: string, context: RowContext) => boolean;
  /** Packages the builder needs to build it from source. */
  build: readonly string[];
  /** Libraries it loads at run time. */
  runtime: readonly string[];
  /** Bookworm's names where trixie renamed them. */
  bookwormRuntime?: readonly string[];
  /** Why, for the Dockerfile comment. */
  why: string;
}

const extrasOf = (spec: string): string[] =>
  (/^\s*[A-Za-z0-9._-]+\s*\[([^\]]*)\]/.exec(spec)?.[1] ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);

const LIBPQ_BUILD = ['build-essential', 'libpq-dev'];

export const SYSTEM_PACKAGES: readonly SystemPackageRow[] = [
  {
    dependency: 'psycopg2',
    // 2.7.x still shipped its wheels (libpq bundled) under this name; 2.8 moved them to -binary.
    applies: (spec, context) =>
      !pinnedIn('2.7', '2.8')(spec) ||
      context.pythonVersion === undefined ||
      pinnedWithoutWheel(spec, context),
    build: LIBPQ_BUILD,
    runtime: ['libpq5'],
    why: 'psycopg2 (not -binary) compiles against libpq and links it',
  },
  {
    dependency: 'psycopg2-binary',
    applies: pinnedWithoutWheel,
    build: LIBPQ_BUILD,
    runtime: ['libpq5'],
    why: "psycopg2-binary at this pin has no wheel for the image's Python, so it compiles against libpq",
  },
  {
    dependency: 'psycopg',
    applies: (spec) => extrasOf(spec).includes('c'),
    build: LIBPQ_BUILD,
    runtime: ['libpq5'],
    why: 'psycopg[c] compiles against libpq and links it',
  },
  {
    dependency: 'psycopg-c',
    build: LIBPQ_BUILD,
    runtime: ['libpq5'],
    why: 'psycopg-c compiles against libpq and links it',
  },
  {
    dependency: 'psycopg',
    applies: (spec, { names }) =>
      !extrasOf(spec).some((e) => e === 'binary' || e === 'c') &&
      !names.has('psycopg-binary') &&
      !names.has('psycopg-c'),
    build: [],
    runtime: ['libpq5'],
    why: 'psycopg without [binary] loads the system libpq',
  },
  {
    dependency: 'mysqlclient',
    build: ['build-essential', 'default-libmysqlclient-dev', 'pkg-config'],
    runtime: ['libmariadb3'],
    why: 'mysqlclient compiles against the MariaDB client library and links it',
  },
  {
    dependency: 'python-ldap',
    build: ['build-essential', 'libldap2-dev', 'libsasl2-dev'],
    runtime: ['libldap2', 'libsasl2-2'],
    bookwormRuntime: ['libldap-2.5-0', 'libsasl2-2'],
    why: 'python-ldap compiles against OpenLDAP and SASL and links them',
  },
  {
    dependency: 'uwsgi',
    build: ['build-essential'],
    runtime: [],
    why: 'uWSGI has no wheels and compiles C',
  },
  {
    dependency: 'cmarkgfm',
    applies: pinnedWithoutWheel,
    build: ['build-essential'],
    runtime: [],
    why: "cmarkgfm at this pin has no wheel for the image's Python, so its C sources compile",
  },
  {
    dependency: 'twisted',
    applies: pinnedBefore('21.2.0'),
    build: ['build-essential'],
    runtime: [],
    why: 'Twisted before 21.2.0 has no Linux wheel and compiles a C extension',
  },
  {
    dependency: 'python-magic',
    build: [],
    runtime: ['libmagic1'],
    why: 'python-magic loads libmagic',
  },
  {
    dependency: 'cairosvg',
    build: [],
    runtime: ['libcairo2'],
    why: 'CairoSVG loads cairo through cairocffi',
  },
  {
    dependency: 'cairocffi',
    build: [],
    runtime: ['libcairo2'],
    why: 'cairocffi loads cairo',
  },
  {
    dependency: 'weasyprint',
    build: [],
    runtime: ['libpango-1.0-0', 'libpangoft2-1.0-0', 'libharfbuzz-subset0'],
    why: 'WeasyPrint loads pango and harfbuzz through cffi',
  },
  {
    dependency: 'xmlsec',
    build: ['build-essential', 'libxmlsec1-dev', 'pkg-config'],
    runtime: ['libxmlsec1', 'libxmlsec1-openssl'],
    why: 'xmlsec compiles against libxmlsec1 and links it with its OpenSSL backend',
  },
  {
    dependency: 'python3-saml',
    build: ['build-essential', 'libxmlsec1-dev', 'pkg-config'],
    runtime: ['libxmlsec1', 'libxmlsec1-openssl'],
    why: 'python3-saml depends on xmlsec, which compiles against libxmlsec1',
  },
];

export interface SystemPackages {
  /** For the builder stage, sorted. */
  build: string[];
  /** For the runtime stage, sorted. */
  runtime: string[];
  /** Which dependency needs what, for the Dockerfile comment. */
  reasons: Array<{ dependency: string; build: string[]; runtime: string[]; why: string }>;
}

/**
 * The system packages `requirements` (PEP 508 text, e.g. from python/dependency-details.ts)
 * need on the python:<pythonVersion>-slim image (its Debian release names the libraries);
 * `needsGit` adds git to the builder for VCS requirements. Empty when nothing needs any.
 */
export function systemPackagesFor(
  requirements: readonly string[],
  options: { needsGit?: boolean; pythonVersion?: string } = {},
): SystemPackages {
  // python:<v>-slim of 3.9 and older stayed on bookworm (or older); 3.10 and later are trixie.
  const minor = Number(options.pythonVersion?.split('.')[1] ?? 99);
  const release: DebianRelease = minor <= 9 ? 'bookworm' : 'trixie';
  const names = new Set(requirements.map(requirementName).filter((n) => n !== null));
  const context: RowContext = { names, pythonVersion: options.pythonVersion };
  const reasons: SystemPackages['reasons'] = [];
  for (const spec of requirements) {
    const name = requirementName(spec);
    for (const row of SYSTEM_PACKAGES) {
      if (row.dependency !== name || (row.applies && !row.applies(spec, context))) continue;
      if (reasons.some((r) => r.dependency === name && r.why === row.why)) continue;
      const runtime =
        release === 'bookworm' && row.bookwormRuntime ? row.bookwormRuntime : row.runtime;
      reasons.push({
        dependency: name,
        build: [...row.build],
        runtime: [...runtime],
        why: row.why,
      });
    }
  }
  if (options.needsGit) {
    reasons.push({
      dependency: 'git+ requirements',
      build: ['git'],
      runtime: [],
      why: 'pip fetches VCS requirements with git',
    });
  }
  const collect = (key: 'build' | 'runtime') => [...new Set(reasons.flatMap((r) => r[key]))].sort();
  return { build: collect('build'), runtime: collect('runtime'), reasons };
}
