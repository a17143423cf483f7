import { render } from 'ejs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TEMPLATES = join(__dirname, '..', 'init', 'files');

// EJS's `<%= %>` escapes for HTML (`R&D` became `R&amp;D` in a Dockerfile): the templates print
// with `<%- %>` through the escaper of the syntax each value lands in (syntax/), and a `<%= %>`
// that creeps back in fails here instead of writing HTML entities.
function refuseHtmlEscaping(): never {
  throw new Error(
    'A template used <%= %> (HTML escaping); print with <%- %> and a syntax/ escaper.',
  );
}

/**
 * Renders one template of files/ to a string. Rendering to a string (rather than straight
 * into the Tree) lets the generator compare what it would write with what is there, and lets
 * the sync generator tell a file the user edited from one it may update.
 */
export function renderTemplate(name: string, variables: Record<string, unknown>): string {
  return render(readFileSync(join(TEMPLATES, `${name}.template`), 'utf-8'), variables, {
    escape: refuseHtmlEscaping,
  });
}
