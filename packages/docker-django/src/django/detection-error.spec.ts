import { useProjectTree } from '../testing/project-tree';
import { detectDjangoLayout } from './detect-django-layout';
import { DjangoDetectionError } from './detection-error';
import { PROJECT, startproject } from '../testing/django-sources';

describe('DjangoDetectionError messages', () => {
  const project = useProjectTree(PROJECT);

  function messageOf(run: () => unknown): string {
    try {
      run();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected detection to fail');
  }

  it('quotes a --djangoRoot with a newline and an escape sequence on one line, as a JSON string', () => {
    project.write(startproject());
    const message = messageOf(() =>
      detectDjangoLayout(project.src, PROJECT, { djangoRoot: 'back"end\n\u001b[31mRED' }),
    );
    expect(message).toBe(
      'Django root "back\\"end\\n\\u001b[31mRED" does not exist in "apps/api". Pass a ' +
        '--djangoRoot relative to the project root, such as "src".',
    );
  });

  it('shows a path built from --djangoRoot with its control characters escaped', () => {
    // The folder exists but holds no manage.py: the message names it through relativePath().
    project.write({ 'back\nend/mysite/__init__.py': '' });
    const message = messageOf(() =>
      detectDjangoLayout(project.src, PROJECT, { djangoRoot: 'back\nend' }),
    );
    expect(message).toContain('no manage.py in "back\\nend"');
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/u);
  });

  it('escapes every control character of a message, whoever built it', () => {
    const error = new DjangoDetectionError('No manage.py under "a\r\nb\u009bc"', 'a\r\nb');
    expect(error.message).toBe('No manage.py under "a\\r\\nb\\u009bc"');
    expect(error.projectRoot).toBe('a\r\nb');
  });
});
