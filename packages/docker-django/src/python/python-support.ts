// The newest CPython a pinned release of a well-known package installs and runs on: for a
// compiled package the newest minor it ships wheels for (the slim image has no compiler, so a
// missing wheel means a failed or long source build), for Django the newest minor its release
// notes support. One table; each row cites where its fact comes from.
import { compareReleases } from './release-versions';

export interface PythonSupportRow {
  /** The first release of the package (PEP 440 release segment) this row applies to. */
  from: string;
  /** The newest Python minor ('3.11') releases from here on support; null: no bound recorded. */
  max: string | null;
  /** The oldest Python minor they install on (their python_requires), when it matters. */
  min?: string;
}

/**
 * Rows in release order; a release is governed by the last row at or below it. A release
 * older than the first row supports no newer Python than the first row says (older releases
 * never gained support for newer Pythons). A package's last row is `max: null` from the first
 * release whose support was not looked up, so no bound is guessed for it.
 */
export const PYTHON_SUPPORT: Readonly<Record<string, readonly PythonSupportRow[]>> = {
  // psycopg 2 release notes (psycopg.org/docs/news.html): 2.7 ships wheels up to 3.6, 2.7.5
  // adds 3.7, 2.8 3.8 (and moves the wheels to psycopg2-binary), 2.8.6 adds 3.9, 2.9.2 3.10,
  // 2.9.5 3.11, 2.9.9 3.12, 2.9.10 3.13, 2.9.11 3.14. The -binary wheels follow the same
  // releases; the source package claims the same support.
  psycopg2: [
    { from: '2.7', max: '3.6' },
    { from: '2.7.5', max: '3.7' },
    { from: '2.8', max: '3.8' },
    { from: '2.8.6', max: '3.9' },
    { from: '2.9.2', max: '3.10' },
    { from: '2.9.5', max: '3.11' },
    { from: '2.9.9', max: '3.12' },
    { from: '2.9.10', max: '3.13' },
    { from: '2.9.11', max: '3.14' },
    { from: '2.9.12', max: null },
  ],
  // Django's release notes and "What Python version can I use with Django?": 1.11 supports up
  // to 3.6 (1.11.17 adds 3.7), 2.0 and 2.1 up to 3.7, 2.2 up to 3.8; 2.2.17, 3.0.11
  // and 3.1.3 add 3.9; 3.2.9 adds 3.10; 4.1.3 adds 3.11; 4.2.8 adds 3.12; 5.1.3 adds 3.13;
  // 4.0 needs 3.8+, 5.0 needs 3.10+, 6.0 needs 3.12+. 5.2 supports 3.10-3.13 (3.14 from a
  // later 5.2 patch release, not recorded here: no bound from 5.2.8 on).
  django: [
    { from: '1.11', max: '3.6' },
    { from: '1.11.17', max: '3.7' },
    { from: '2.0', max: '3.7' },
    { from: '2.2', max: '3.8' },
    { from: '2.2.17', max: '3.9' },
    { from: '3.0', max: '3.8' },
    { from: '3.0.11', max: '3.9' },
    { from: '3.1', max: '3.8' },
    { from: '3.1.3', max: '3.9' },
    { from: '3.2', max: '3.9' },
    { from: '3.2.9', max: '3.10' },
    { from: '4.0', max: '3.10', min: '3.8' },
    { from: '4.1.3', max: '3.11', min: '3.8' },
    { from: '4.2', max: '3.11', min: '3.8' },
    { from: '4.2.8', max: '3.12', min: '3.8' },
    { from: '5.0', max: '3.12', min: '3.10' },
    { from: '5.1.3', max: '3.13', min: '3.10' },
    { from: '5.2', max: '3.13', min: '3.10' },
    { from: '5.2.8', max: null, min: '3.10' },
    { from: '6.0', max: null, min: '3.12' },
  ],
  // NumPy release notes: 1.19.3 adds 3.9 wheels, 1.21.3 3.10, 1.23.2 3.11, 1.26.0 3.12
  // ("supports 3.9-3.12"), 2.1.0 3.13 (2.2.6: "supports 3.10-3.13"). 2.3 on: not recorded.
  numpy: [
    { from: '1.19.3', max: '3.9' },
    { from: '1.21.3', max: '3.10' },
    { from: '1.23.2', max: '3.11' },
    { from: '1.26.0', max: '3.12', min: '3.9' },
    { from: '2.1.0', max: '3.13', min: '3.10' },
    { from: '2.3.0', max: null, min: '3.11' },
  ],
  // pandas: 2.0 supports 3.8-3.11; Python 3.12 wheels came with 2.1.1 (after NumPy 1.26,
  // pandas-dev/pandas#54447); whatsnew 2.2.3 "compatible with Python 3.13", 2.3.3 with 3.14.
  pandas: [
    { from: '2.0.0', max: '3.11' },
    { from: '2.1.1', max: '3.12' },
    { from: '2.2.3', max: '3.13' },
    { from: '2.3.3', max: '3.14' },
    { from: '3.0.0', max: null },
  ],
  // lxml changelog: 4.9.3 "Python 3.12-compatible release" (4.9.2's wheels end at 3.11);
  // 5.x not recorded.
  lxml: [
    { from: '4.9.2', max: '3.11' },
    { from: '4.9.3', max: '3.12' },
    { from: '5.0.0', max: null },
  ],
  // Pillow release notes: 9.3.0 "Python 3.11 wheels", 10.1.0 adds 3.12 (python-pillow/Pillow#7466),
  // 11.0.0 3.13 (10.x has no 3.13 wheels, oumi-ai/oumi#1525); later 11.x and 12.x not recorded.
  pillow: [
    { from: '9.0.0', max: '3.10' },
    { from: '9.3.0', max: '3.11' },
    { from: '10.1.0', max: '3.12' },
    { from: '11.0.0', max: '3.13' },
    { from: '11.1.0', max: null },
  ],
  // uWSGI has no wheels and compiles against the image's Python; changelogs: 2.0.21 adds
  // 3.10 and 3.11, 2.0.23 adds 3.12, 2.0.30 ports to 3.14 (3.13's release not recorded).
  uwsgi: [
    { from: '2.0', max: '3.9' },
    { from: '2.0.21', max: '3.11' },
    { from: '2.0.23', max: '3.12' },
    { from: '2.0.24', max: null },
  ],
  // gevent changelog: 22.10.0 preliminary 3.11, 23.7.0 preliminary 3.12 (3.13 not recorded).
  gevent: [
    { from: '22.10.0', max: '3.11' },
    { from: '23.7.0', max: '3.12' },
    { from: '24.2.1', max: null },
  ],
  // greenlet changelog: 0.4.16 adds 3.9, 1.1.2 supports up to 3.10, 1.1.3 adds 3.11,
  // 3.0.0 3.12 (gevent 23.9.1 requires it there), 3.1.0 3.13; 3.2 on not recorded.
  greenlet: [
    { from: '0.4.16', max: '3.9' },
    { from: '1.1.2', max: '3.10' },
    { from: '1.1.3', max: '3.11' },
    { from: '3.0.0', max: '3.12' },
    { from: '3.1.0', max: '3.13' },
    { from: '3.2.0', max: null },
  ],
  // cffi whatsnew: 1.15.0 CPython 3.10 wheels, 1.16.0 adds 3.12, 1.17.0 adds 3.13 (cryptography
  // and argon2 pull it in). cryptography itself ships abi3 wheels that run on any newer
  // Python, so it has no row; grpcio's per-release support is not recorded. cffi 2 not recorded.
  cffi: [
    { from: '1.15.0', max: '3.11' },
    { from: '1.16.0', max: '3.12' },
    { from: '1.17.0', max: '3.13' },
    { from: '2.0.0', max: null },
  ],
  // cmarkgfm 2024.11.20 ships CPython-specific wheels up to 3.13: python/pythondotorg's uv.lock,
  // restricted to >=3.14, keeps only its sdist. Later releases not recorded.
  cmarkgfm: [
    { from: '2024.11.20', max: '3.13' },
    { from: '2024.11.21', max: null },
  ],
};

/** Packages that are the same code under another name. */
const SAME_AS: Readonly<Record<string, string>> = { 'psycopg2-binary': 'psycopg2' };

export interface PythonSupport {
  /** Newest Python minor, '3.11'; null when no bound is recorded for this release. */
  max: string | null;
  min: string | null;
}

/**
 * What the table says about `release` of the normalised package `name`, or null when the
 * package is not in the table.
 */
export function pythonSupportOf(name: string, release: string): PythonSupport | null {
  const rows = PYTHON_SUPPORT[SAME_AS[name] ?? name];
  if (rows === undefined) return null;
  const row = [...rows].reverse().find((r) => compareReleases(release, r.from) >= 0) ?? rows[0];
  return { max: row.max, min: row.min ?? null };
}

/** The minor number of '3.11' / '3.11.4'. */
export const minorOf = (version: string): number => Number(version.split('.')[1]);
