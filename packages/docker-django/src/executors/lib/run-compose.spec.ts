import { logger } from '../../nx/log';
import { tmpdir } from 'os';
import { quoteArg } from '../../shell/command-line';
import { firstLine, formatCommand, OutputTail, runCommand } from './run-compose';

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

describe('runCommand with tee', () => {
  let info: jest.SpyInstance;
  let out: jest.SpyInstance;
  let err: jest.SpyInstance;
  beforeEach(() => {
    info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    info.mockRestore();
    out.mockRestore();
    err.mockRestore();
  });

  it('streams both streams to the terminal and keeps them in output', async () => {
    const result = await runCommand(
      {
        file: process.execPath,
        args: ['-e', 'console.log("step 1"); console.error("ERROR: boom"); process.exit(17)'],
      },
      { cwd: tmpdir(), tee: true },
    );
    expect(result.exitCode).toBe(17);
    expect(out.mock.calls.map((c) => String(c[0])).join('')).toContain('step 1');
    expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain('ERROR: boom');
    expect(result.output).toContain('step 1\n');
    expect(result.output).toContain('ERROR: boom\n');
  });

  it('keeps only the tail, cut at a line start', async () => {
    const result = await runCommand(
      {
        file: process.execPath,
        args: ['-e', 'for (let i = 0; i < 5000; i++) console.log("line " + i)'],
      },
      { cwd: tmpdir(), tee: true, tailBytes: 1000 },
    );
    const output = result.output ?? '';
    expect(output.length).toBeLessThanOrEqual(1000);
    expect(output).toMatch(/^line \d+\n/);
    expect(output.endsWith('line 4999\n')).toBe(true);
  });
});

describe('OutputTail', () => {
  it('holds at most its limit and the newest bytes', () => {
    const tail = new OutputTail(10);
    for (const chunk of ['aaaa\n', 'bbbb\n', 'cccc\n', 'dd']) tail.push(Buffer.from(chunk));
    expect(tail.text()).toBe('cccc\ndd');
  });

  it('keeps everything below the limit', () => {
    const tail = new OutputTail(100);
    tail.push(Buffer.from('a\n'));
    tail.push(Buffer.from('b'));
    expect(tail.text()).toBe('a\nb');
  });
});

describe('formatCommand hides URL credentials', () => {
  it.each<[string, string]>([
    ['ssh://user:password@host', 'ssh://user:***@host'],
    ['tcp://u:p@h:2376', 'tcp://u:***@h:2376'],
    ['PIP_INDEX_URL=https://u:tok@idx/simple', 'PIP_INDEX_URL=https://u:***@idx/simple'],
  ])('%s', (value, shown) => {
    expect(
      formatCommand({ file: 'docker', args: ['compose', '--build-arg', value], env: { X: value } }),
    ).toBe(`X=${shown} docker compose --build-arg ${shown}`);
  });
});
