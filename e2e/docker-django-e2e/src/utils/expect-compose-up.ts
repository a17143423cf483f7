import { compose } from '../../../../tools/testing/compose';
import { describeFailure, tail, type RunResult } from '../../../../tools/testing/run';
import { expectExitCode } from './expect-exit-code';

/**
 * Asserts that `docker compose up` of `composeProject` exited 0; when it did not, fails with its
 * output and the last of the stack's logs, which say why a service did not start.
 */
export async function expectComposeUp(
  up: RunResult,
  composeProject: string,
  cwd: string,
): Promise<void> {
  if (up.exitCode !== 0) {
    const logs = await compose(composeProject, ['logs', '--no-color'], cwd);
    throw new Error(
      `${describeFailure(up, 'docker compose up failed')}\n--- logs ---\n${tail(logs.output, 6000)}`,
    );
  }
  expectExitCode(up, 0);
}
