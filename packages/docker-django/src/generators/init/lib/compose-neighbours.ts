import { joinPathFragments, type Tree } from '@nx/devkit';

/** The files plain `docker compose` picks from, first wins (compose-go's DefaultFileNames). */
const BASE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** Merged into whichever base file wins (compose-go's DefaultOverrideFileNames), first wins. */
const OVERRIDE_FILES = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

export interface ComposeNeighbours {
  /** The repository's own compose files beside the generated compose.yaml. */
  others: string[];
  /** The override file plain `docker compose` would merge into compose.yaml, or null. */
  override: string | null;
}

export function composeNeighbours(tree: Tree, projectRoot: string): ComposeNeighbours {
  const exists = (name: string) => tree.isFile(joinPathFragments(projectRoot, name));
  return {
    others: BASE_FILES.slice(1).filter(exists),
    override: OVERRIDE_FILES.find(exists) ?? null,
  };
}

/** The line that makes plain `docker compose` in the folder read compose.yaml alone. */
export const COMPOSE_FILE_LINE = 'COMPOSE_FILE=compose.yaml';

/**
 * What to tell the user about the repository's own compose files: compose.yaml wins over them
 * for plain `docker compose`, and an override file would merge into it unless .env pins
 * COMPOSE_FILE. `pinned` says whether .env now does.
 */
export function composeNeighbourMessages(
  projectRoot: string,
  neighbours: ComposeNeighbours,
  pinned: boolean,
): string[] {
  const messages: string[] = [];
  const where = projectRoot || '.';
  if (neighbours.others.length > 0) {
    messages.push(
      `${where} also has ${neighbours.others.join(', ')}: plain \`docker compose\` there now ` +
        `reads the generated compose.yaml instead (the nx compose targets pass -f compose.yaml ` +
        `anyway). Your file is untouched; run it with \`docker compose -f ${neighbours.others[0]}` +
        `${neighbours.override ? ` -f ${neighbours.override}` : ''} up\`.`,
    );
  }
  if (neighbours.override !== null) {
    const path = joinPathFragments(where, neighbours.override);
    messages.push(
      pinned
        ? `${path} would merge into compose.yaml on plain \`docker compose up\` (compose merges an ` +
            `override file beside any compose file); ${joinPathFragments(where, '.env')} sets ` +
            `${COMPOSE_FILE_LINE} so it does not. ${neighbours.override} is left as it is.`
        : `${path} merges into compose.yaml on plain \`docker compose up\` (compose merges an ` +
            `override file beside any compose file) and changes the generated stack. Add ` +
            `${COMPOSE_FILE_LINE} to ${joinPathFragments(where, '.env')}, or use the nx compose ` +
            `targets (they pass -f compose.yaml). ${neighbours.override} is left as it is.`,
    );
  }
  return messages;
}
