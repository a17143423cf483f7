import { render } from 'ejs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TEMPLATES = join(__dirname, '..', 'init', 'files');

/**
 * Renders one template of files/ to a string. Rendering to a string (rather than straight
 * into the Tree) lets the generator compare what it would write with what is there, and lets
 * the sync generator tell a file the user edited from one it may update.
 */
export function renderTemplate(name: string, variables: Record<string, unknown>): string {
  return render(readFileSync(join(TEMPLATES, `${name}.template`), 'utf-8'), variables);
}
