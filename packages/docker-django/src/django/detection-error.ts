// The one error detection throws, and how a project is named in its messages.
import { commentText, quotedForComment } from '../generators/lib/syntax/comment';

/**
 * Detection failed; the message says what, for which project, and which option fixes it. Its
 * values come from options (--djangoRoot) and folder names, so every control character is shown
 * escaped: a newline or an escape sequence in one never reaches the terminal raw.
 */
export class DjangoDetectionError extends Error {
  constructor(
    message: string,
    readonly projectRoot: string,
  ) {
    super(commentText(message));
    this.name = 'DjangoDetectionError';
  }
}

/** The project as error messages show it: '.' for a project at the workspace root. */
export const label = (projectRoot: string) => (projectRoot === '' ? '.' : projectRoot);

/** An option's value as messages show it: quoted on one line as a JSON string (`"src\nx"`). */
export const quoted = (value: string): string => quotedForComment(value);
