import { pythonVersionOption } from './python-version-option';

describe('pythonVersionOption', () => {
  it.each([
    ['a string stays as given', '3.10', [], '3.10'],
    [
      'a number is read back as typed after a space',
      3.1,
      ['nx', 'g', 'init', '--pythonVersion', '3.10'],
      '3.10',
    ],
    ['a number is read back as typed after =', 3.1, ['nx', '--pythonVersion=3.10'], '3.10'],
    ['the dashed flag form is read back too', 3.12, ['nx', '--python-version', '3.12'], '3.12'],
    ['a number not found on the command line is stringified', 3.11, ['nx'], '3.11'],
  ])('%s', (_, value, argv, expected) => {
    expect(pythonVersionOption(value, argv)).toBe(expected);
  });

  it('leaves an absent option absent', () => {
    expect(pythonVersionOption(undefined, ['--pythonVersion', '3.10'])).toBeUndefined();
  });
});
