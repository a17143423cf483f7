import { prompt } from 'enquirer';
import { askDockerInitQuestions, isInteractive } from './prompt-docker-init-questions';

jest.mock('enquirer', () => ({ prompt: jest.fn() }));
const mockedPrompt = prompt as unknown as jest.Mock;

describe('askDockerInitQuestions', () => {
  const defaults = {
    pythonVersion: '3.11',
    port: 8000,
    command: 'gunicorn mysite.wsgi:application --bind=0.0.0.0:8000',
  };

  beforeEach(() => mockedPrompt.mockReset());

  it("asks docker init's three questions with the detected answers as defaults", async () => {
    mockedPrompt
      .mockResolvedValueOnce({ pythonVersion: '3.12' })
      .mockResolvedValueOnce({ port: '9000' })
      .mockResolvedValueOnce({ command: '' });
    const answers = await askDockerInitQuestions(defaults, {});
    const questions = mockedPrompt.mock.calls.map(([question]) => question);
    expect(questions.map((q) => q.message)).toEqual([
      'What version of Python do you want to use?',
      'What port do you want your app to listen on?',
      'What is the command to run your app?',
    ]);
    expect(questions[0].initial).toBe('3.11');
    expect(questions[1].initial).toBe('8000');
    // The default command follows the port just chosen.
    expect(questions[2].initial).toBe('gunicorn mysite.wsgi:application --bind=0.0.0.0:9000');
    expect(answers).toEqual({
      pythonVersion: '3.12',
      port: 9000,
      command: 'gunicorn mysite.wsgi:application --bind=0.0.0.0:9000',
    });
  });

  it('does not ask what an option already answered', async () => {
    mockedPrompt.mockResolvedValueOnce({ command: 'gunicorn x.wsgi' });
    const answers = await askDockerInitQuestions(defaults, { pythonVersion: true, port: true });
    expect(mockedPrompt).toHaveBeenCalledTimes(1);
    expect(answers).toEqual({ ...defaults, command: 'gunicorn x.wsgi' });
  });
});

describe('isInteractive', () => {
  const saved = { ...process.env };
  const tty = process.stdout.isTTY;
  afterEach(() => {
    process.env = { ...saved };
    process.stdout.isTTY = tty;
  });

  it.each([
    ['a terminal with NX_INTERACTIVE=true', { NX_INTERACTIVE: 'true', CI: undefined }, true, true],
    [
      '--no-interactive (NX_INTERACTIVE=false)',
      { NX_INTERACTIVE: 'false', CI: undefined },
      true,
      false,
    ],
    ['CI=true', { NX_INTERACTIVE: 'true', CI: 'true' }, true, false],
    ['no terminal', { NX_INTERACTIVE: 'true', CI: undefined }, false, false],
  ])('is false unless a person is at the terminal: %s', (_, env, isTTY, expected) => {
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    process.stdout.isTTY = isTTY;
    expect(isInteractive()).toBe(expected);
  });
});
