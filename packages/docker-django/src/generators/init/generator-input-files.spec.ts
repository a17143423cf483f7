import { logger, type Tree } from '@nx/devkit';
import { workspaceWithApi } from '../../testing/django-fixtures';
import { initGenerator } from './generator';

/** Input files stay byte for byte as they were, except for the intended change (issue 12 item 3). */
describe('init generator: the project files it reads or edits', () => {
  let tree: Tree;
  let warn: jest.SpyInstance;
  const base = { project: 'api', skipFormat: true, addPlugin: false };
  const REQS = 'apps/api/requirements.txt';
  const warnings = () => warn.mock.calls.map((call) => String(call[0])).join('\n');

  async function run(options: Record<string, unknown> = {}) {
    const callback = await initGenerator(tree, { ...base, ...options });
    callback();
  }

  beforeEach(() => {
    tree = workspaceWithApi('3.12');
    warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('keeps bytes that are not UTF-8 in requirements.txt and only appends gunicorn', async () => {
    // "# Café" in Latin-1: 0xE9 alone is not UTF-8.
    const before = Buffer.concat([
      Buffer.from('# Caf', 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from('\nDjango>=4.2\n', 'latin1'),
    ]);
    tree.write(REQS, before);
    await run();
    const after = tree.read(REQS) as Buffer;
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(after.subarray(before.length).toString('latin1')).toBe('gunicorn\n');
  });

  it('keeps CRLF line endings: the appended line ends in CRLF too', async () => {
    tree.write(REQS, 'Django>=4.2\r\nrequests\r\n');
    await run();
    expect((tree.read(REQS) as Buffer).toString('latin1')).toBe(
      'Django>=4.2\r\nrequests\r\ngunicorn\r\n',
    );
  });

  it('ends an unterminated last line in the file own line ending before appending', async () => {
    tree.write(REQS, 'Django>=4.2\r\nrequests');
    await run();
    expect(tree.read(REQS, 'utf-8')).toBe('Django>=4.2\r\nrequests\r\ngunicorn\r\n');
  });

  it('leaves a hash-pinned requirements.txt untouched and prints how to add gunicorn with hashes', async () => {
    const pinned =
      'django==4.2.11 \\\n    --hash=sha256:6e6ff3db2d8dd0c986b4eec8554c8e4f919b5c1ff62a5b4390c17aaf3e9a6c5c\n';
    tree.write(REQS, pinned);
    await run();
    expect(tree.read(REQS, 'utf-8')).toBe(pinned);
    expect(warnings()).toContain(
      `${REQS} pins every requirement with --hash, and pip refuses the whole file when one line has none, so it was not edited.`,
    );
    expect(warnings()).toContain('pip-compile --generate-hashes');
  });

  it('refuses a malformed pyproject.toml, naming the file and the line', async () => {
    tree.write('apps/api/pyproject.toml', '[project]\nname = "api"\ndependencies = [\n');
    await expect(run()).rejects.toThrow(
      /^Cannot read apps\/api\/pyproject\.toml, line \d+: .*Fix the file/,
    );
  });

  it('refuses a -r include outside the build context instead of writing a Dockerfile that cannot build', async () => {
    tree.write(REQS, '-r ../../shared/base.txt\nDjango>=4.2\n');
    tree.write('shared/base.txt', 'requests\n');
    await expect(run()).rejects.toThrow(
      'The requirements of project "api" include "../../shared/base.txt" (with -r or -c), outside ' +
        "the image's build context (apps/api)",
    );
    expect(tree.exists('apps/api/Dockerfile')).toBe(false);
  });
});
