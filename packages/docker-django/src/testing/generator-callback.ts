import type { GeneratorCallback } from '@nx/devkit';

/**
 * Runs a generator's callback (the next steps it prints once the files are written) with the
 * console silenced, and returns what it printed to `stream`, a line a call.
 */
export async function callbackOutput(
  callback: GeneratorCallback,
  stream: 'warn' | 'info',
): Promise<string> {
  const spies = {
    warn: jest.spyOn(console, 'warn').mockImplementation(() => undefined),
    info: jest.spyOn(console, 'info').mockImplementation(() => undefined),
  };
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  await callback();
  const text = spies[stream].mock.calls.flat().join('\n');
  jest.restoreAllMocks();
  return text;
}

/** What a generator's callback warned: its advice, such as what to add by hand. */
export function callbackWarnings(callback: GeneratorCallback): Promise<string> {
  return callbackOutput(callback, 'warn');
}
