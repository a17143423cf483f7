// The one error detection throws, and how a project is named in its messages.

/** Detection failed; the message says what, for which project, and which option fixes it. */
export class DjangoDetectionError extends Error {
  constructor(
    message: string,
    readonly projectRoot: string,
  ) {
    super(message);
    this.name = 'DjangoDetectionError';
  }
}

/** The project as error messages show it: '.' for a project at the workspace root. */
export const label = (projectRoot: string) => (projectRoot === '' ? '.' : projectRoot);
