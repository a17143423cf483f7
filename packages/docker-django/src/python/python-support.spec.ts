import { pythonSupportOf } from './python-support';

describe('pythonSupportOf', () => {
  it.each([
    // The example and the release notes around it.
    ['psycopg2-binary', '2.9.6', '3.11'],
    ['psycopg2-binary', '2.9.9', '3.12'],
    ['psycopg2-binary', '2.9.10', '3.13'],
    ['psycopg2', '2.9.1', '3.9'],
    ['psycopg2-binary', '2.8.5', '3.8'],
    // Older than the first row: no newer Python than the first row.
    ['psycopg2', '2.6.2', '3.6'],
    ['psycopg2', '2.7.7', '3.7'],
    // Django series: a later patch release adds the next Python, a later series does not undo it.
    ['django', '1.11.11', '3.6'],
    ['django', '1.11.29', '3.7'],
    ['django', '2.1.15', '3.7'],
    ['django', '3.2.5', '3.9'],
    ['django', '3.2.25', '3.10'],
    ['django', '4.2.7', '3.11'],
    ['django', '4.2.8', '3.12'],
    ['django', '4.2.29', '3.12'],
    ['django', '5.0.14', '3.12'],
    ['django', '5.1.3', '3.13'],
    ['numpy', '1.26.4', '3.12'],
    ['pandas', '2.2.3', '3.13'],
    ['pillow', '10.4.0', '3.12'],
    ['uwsgi', '2.0.22', '3.11'],
    ['lxml', '4.9.3', '3.12'],
  ])('%s==%s runs on Python up to %s', (name, release, max) => {
    expect(pythonSupportOf(name, release)?.max).toBe(max);
  });

  it.each([
    ['django', '5.0.1', '3.10'],
    ['django', '6.0', '3.12'],
  ])('%s==%s needs Python %s or newer', (name, release, min) => {
    expect(pythonSupportOf(name, release)?.min).toBe(min);
  });

  it('records no bound past the releases that were looked up', () => {
    expect(pythonSupportOf('pillow', '12.1.1')).toEqual({ max: null, min: null });
    expect(pythonSupportOf('django', '6.0.1')?.max).toBeNull();
  });

  it('knows nothing of packages outside the table', () => {
    expect(pythonSupportOf('requests', '2.32.3')).toBeNull();
  });
});
