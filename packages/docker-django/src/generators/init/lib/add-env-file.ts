import { joinPathFragments, type Tree } from '@nx/devkit';
import { ENV_FILE } from '../../lib/compose-document';
import { commentText, quotedForComment } from '../../lib/syntax/comment';
import type { NormalizedInitOptions } from '../../lib/normalize-options';
import {
  COMPOSE_FILE_LINE,
  composeNeighbourMessages,
  composeNeighbours,
  type ComposeNeighbours,
} from './compose-neighbours';

/** Lines of a .gitignore that keep `.env` out of git. */
const IGNORES_ENV = /^\s*\/?(?:\.env|\.env\*|\*\.env|\.env\.?\*?)\s*$/m;

function envFileText(options: NormalizedInitOptions, neighbours: ComposeNeighbours): string {
  const lines = [
    `# Environment for ${quotedForComment(options.projectName)}, written once by \`nx g docker-django:init\` and`,
    '# never overwritten; keep it out of git.',
  ];
  if (neighbours.override !== null) {
    lines.push(
      `# Plain \`docker compose\` here reads compose.yaml alone: without this line it would merge`,
      `# ${neighbours.override} into the generated stack.`,
      COMPOSE_FILE_LINE,
    );
  }
  if (Object.keys(options.environment.dotenv).length > 0) {
    lines.push(
      '# compose.yaml passes the rest to the containers. Your settings read these at import time',
      '# with no default; the values below only let the app start: replace them with your real ones.',
    );
  }
  for (const need of options.environment.needs) {
    const value = options.environment.dotenv[need.name];
    if (value === undefined) continue;
    lines.push(`# ${commentText(need.reason)}`, `${need.name}=${value}`);
  }
  return `${lines.join('\n')}\n`;
}

function namesIn(text: string): Set<string> {
  return new Set(
    [...text.matchAll(/^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=/gm)].map((match) => match[1]),
  );
}

/**
 * Writes the project's .env with the variables compose does not set itself, unless one exists
 * (then says which of them it lacks), and makes sure git ignores it. Returns what to tell the user.
 */
export function addEnvFile(tree: Tree, options: NormalizedInitOptions): string[] {
  const names = Object.keys(options.environment.dotenv);
  const neighbours = composeNeighbours(tree, options.projectRoot);
  const path = joinPathFragments(options.projectRoot, ENV_FILE);
  const existing = tree.read(path, 'utf-8');
  const pinned =
    neighbours.override !== null && (existing === null || namesIn(existing).has('COMPOSE_FILE'));
  const messages = composeNeighbourMessages(options.projectRoot, neighbours, pinned);
  if (names.length === 0 && neighbours.override === null) return messages;
  if (existing === null) {
    tree.write(path, envFileText(options, neighbours));
    if (names.length > 0)
      messages.push(
        `Wrote ${path} with placeholders for ${names.join(', ')}, which your settings read at ` +
          'import with no default. Put your real values there before you deploy.',
      );
  } else {
    const have = namesIn(existing);
    const missing = names.filter((name) => !have.has(name));
    if (missing.length > 0)
      messages.push(
        `Kept ${path}; your settings read ${missing.join(', ')} at import with no default and ` +
          `it does not set them. Add them, e.g. ${missing.map((n) => `${n}=${options.environment.dotenv[n]}`).join(' ')}.`,
      );
  }
  const gitignore = joinPathFragments(options.projectRoot, '.gitignore');
  const ignored = [gitignore, '.gitignore'].some((file) =>
    IGNORES_ENV.test(tree.read(file, 'utf-8') ?? ''),
  );
  if (!ignored) {
    const current = tree.read(gitignore, 'utf-8') ?? '';
    const separator = current === '' || current.endsWith('\n') ? '' : '\n';
    tree.write(
      gitignore,
      `${current}${separator}# Environment values (docker-django)\n${ENV_FILE}\n`,
    );
  }
  return messages;
}
