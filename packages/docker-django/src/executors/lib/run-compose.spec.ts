import { logger } from '@nx/devkit';
import { tmpdir } from 'os';
import { quoteArg } from '../../shell/command-line';
import { firstLine, formatCommand, runCommand } from './run-compose';

describe('quoteArg', () => {
  it.each<[string, string]>([
    ['compose', 'compose'],
    ['/ws/apps/api/compose.yaml', '/ws/apps/api/compose.yaml'],
    ['PYTHON_VERSION=3.12', 'PYTHON_VERSION=3.12'],
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ['$HOME', "'$HOME'"],
    ['', "''"],
    ['{{.ServerVersion}}', "'{{.ServerVersion}}'"],
  ])('%j -> %s', (arg, quoted) => {
    expect(quoteArg(arg)).toBe(quoted);
  });
});

describe('formatCommand', () => {
  it('prints a command that can be pasted into a shell', () => {
    expect(
      formatCommand({
        file: 'docker',
        args: ['compose', '-f', '/my apps/compose.yaml', 'build', '--build-arg', 'A=b c'],
      }),
    ).toBe("docker compose -f '/my apps/compose.yaml' build --build-arg 'A=b c'");
  });
});

describe('runCommand', () => {
  let info: jest.SpyInstance;
  beforeEach(() => {
    info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => info.mockRestore());

  it('passes arguments without a shell and captures the output', async () => {
    const result = await runCommand(
      {
        file: process.execPath,
        args: [
          '-e',
          'console.log(process.argv[1]); console.error(process.cwd())',
          '$HOME; echo hi',
        ],
      },
      { cwd: tmpdir(), capture: true },
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('$HOME; echo hi');
    expect(result.stderr).toBe(require('fs').realpathSync(tmpdir()));
  });

  it('logs the exact command first, with the [docker-django] prefix', async () => {
    await runCommand(
      { file: process.execPath, args: ['-e', ''] },
      { cwd: tmpdir(), capture: true },
    );
    expect(info).toHaveBeenCalledWith(`[docker-django] ${quoteArg(process.execPath)} -e ''`);
  });

  it('logs quiet commands only when verbose', async () => {
    await runCommand(
      { file: process.execPath, args: ['-e', ''] },
      { cwd: tmpdir(), capture: true, quiet: true },
    );
    expect(info).not.toHaveBeenCalled();
  });

  it('reports the exit code of a failing command', async () => {
    const result = await runCommand(
      { file: process.execPath, args: ['-e', 'console.error("boom"); process.exit(3)'] },
      { cwd: tmpdir(), capture: true },
    );
    expect(result.exitCode).toBe(3);
    expect(result.notFound).toBe(false);
    expect(firstLine(result)).toBe('boom');
  });

  it('reports a missing executable as notFound instead of throwing', async () => {
    const result = await runCommand(
      { file: 'docker-django-no-such-cli', args: [] },
      { cwd: tmpdir(), capture: true },
    );
    expect(result.notFound).toBe(true);
    expect(result.exitCode).toBeUndefined();
  });
});
