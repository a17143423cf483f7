// POSIX shell words: a command line typed by a user split into argv, and argv quoted back
// for display (prompts, logged commands). No expansion: nothing here runs a shell.
/**
 * Splits a run command typed as in a shell (`gunicorn 'mysite.wsgi:application' --bind=...`)
 * into an argument array for an exec-form CMD. Quotes group, backslashes escape; no
 * expansion happens, because exec form runs no shell.
 */
export function splitCommand(command: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let inArg = false;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < command.length) current += command[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inArg = true;
    } else if (ch === '\\' && i + 1 < command.length) {
      current += command[++i];
      inArg = true;
    } else if (/\s/.test(ch)) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else {
      current += ch;
      inArg = true;
    }
  }
  if (quote) {
    throw new Error(
      `The run command ${JSON.stringify(command)} has an unclosed ${quote} quote. Close it or drop it.`,
    );
  }
  if (inArg) args.push(current);
  return args;
}

const SAFE_ARG = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** POSIX-quotes an argument when needed, so a logged command can be pasted into a shell. */
export function quoteArg(arg: string): string {
  if (arg !== '' && SAFE_ARG.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The inverse of splitCommand, for showing a default in a prompt: quotes only what needs quoting. */
export function joinCommand(args: string[]): string {
  return args.map(quoteArg).join(' ');
}
