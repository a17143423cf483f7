import { tail, type RunResult } from '../../../../tools/testing/run';

/**
 * Asserts an exit code, showing the command and its output when it differs. `undefined`
 * stands for a command that never ran because an earlier step of the suite failed.
 */
export function expectExitCode(result: RunResult | undefined, expected: 0 | 'non-zero'): void {
  const received = result
    ? { command: result.command, exitCode: result.exitCode, output: tail(result.output, 6000) }
    : { command: '(never ran: see the first failure of this suite)', exitCode: undefined };
  if (expected === 0) expect(received).toMatchObject({ exitCode: 0 });
  else expect(received).not.toMatchObject({ exitCode: 0 });
}
