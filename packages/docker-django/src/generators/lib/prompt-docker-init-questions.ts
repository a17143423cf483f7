import { prompt } from 'enquirer';

/**
 * The questions `docker init` asks for a Python app (Python version, port, run command),
 * with the detected answers as defaults. Asked only when a person is at the terminal:
 * never under CI, with --no-interactive (Nx sets NX_INTERACTIVE=false), or without a TTY.
 */
export function isInteractive(): boolean {
  const ci = process.env.CI;
  return (
    !(ci && ci !== 'false' && ci !== '0') &&
    !!process.stdout.isTTY &&
    process.env.NX_INTERACTIVE === 'true'
  );
}

export interface DockerInitAnswers {
  pythonVersion: string;
  port: number;
  command: string;
}

export async function askDockerInitQuestions(
  defaults: DockerInitAnswers,
  alreadyGiven: Partial<Record<keyof DockerInitAnswers, boolean>>,
): Promise<DockerInitAnswers> {
  const answers = { ...defaults };
  if (!alreadyGiven.pythonVersion) {
    const { pythonVersion } = await prompt<{ pythonVersion: string }>({
      type: 'input',
      name: 'pythonVersion',
      message: 'What version of Python do you want to use?',
      initial: defaults.pythonVersion,
    });
    answers.pythonVersion = pythonVersion.trim() || defaults.pythonVersion;
  }
  if (!alreadyGiven.port) {
    const { port } = await prompt<{ port: string }>({
      type: 'input',
      name: 'port',
      message: 'What port do you want your app to listen on?',
      initial: String(defaults.port),
    });
    answers.port = port.trim() === '' ? defaults.port : Number(port.trim());
  }
  if (!alreadyGiven.command) {
    const { command } = await prompt<{ command: string }>({
      type: 'input',
      name: 'command',
      message: 'What is the command to run your app?',
      initial: defaultCommandFor(defaults.command, defaults.port, answers.port),
    });
    answers.command =
      command.trim() || defaultCommandFor(defaults.command, defaults.port, answers.port);
  }
  return answers;
}

// The default command binds the default port; follow the port the user just chose.
function defaultCommandFor(command: string, oldPort: number, newPort: number): string {
  return command.replace(`0.0.0.0:${oldPort}`, `0.0.0.0:${newPort}`);
}

export async function askForProject(choices: string[]): Promise<string> {
  const { project } = await prompt<{ project: string }>({
    type: 'select',
    name: 'project',
    message: 'Which Django project do you want to containerise?',
    choices,
  });
  return project;
}
