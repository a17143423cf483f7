import { generatorRecordOf } from './generator-record';

describe('generatorRecordOf', () => {
  it('undoubles every `$` the generator doubled, in nested strings too', () => {
    const document = {
      'x-docker-django': {
        libraries: ['libs/a$$b'],
        command: ['sh', '-c', 'echo $$HOME'],
        hardening: { note: '$$$$' },
        port: 8000,
      },
    };
    expect(generatorRecordOf(document)).toEqual({
      libraries: ['libs/a$b'],
      command: ['sh', '-c', 'echo $HOME'],
      hardening: { note: '$$' },
      port: 8000,
    });
  });

  it.each<[string, unknown]>([
    ['no document', null],
    ['a document without a record', { services: {} }],
    ['a record that is not a mapping', { 'x-docker-django': ['libs/a'] }],
    ['a record that is a string', { 'x-docker-django': 'libs/a' }],
  ])('is null for %s', (_, document) => {
    expect(generatorRecordOf(document)).toBeNull();
  });
});
