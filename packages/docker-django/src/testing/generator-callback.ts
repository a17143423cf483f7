import type { GeneratorCallback } from '@nx/devkit';

/**
 * Runs a generator's callback (the next steps it prints once the files are written) with the
 * console silenced, and returns what it warned, a line a call.
 */
export async function callbackWarnings(callback: GeneratorCallback): Promise<string> {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  await callback();
  const text = warn.mock.calls.flat().join('\n');
  jest.restoreAllMocks();
  return text;
}
