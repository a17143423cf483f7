import { chooseAppServer } from './app-server';
import type { EntryPoint } from './detect-django-layout';

const ASGI: EntryPoint = { kind: 'asgi', module: 'shop.asgi', callable: 'application', reason: '' };
const WSGI: EntryPoint = { kind: 'wsgi', module: 'shop.wsgi', callable: 'application', reason: '' };

describe('chooseAppServer', () => {
  it('runs a WSGI application with gunicorn', () => {
    expect(chooseAppServer(WSGI, ['Django'], 8000)).toEqual({
      server: 'gunicorn',
      reason: 'a WSGI application; gunicorn added',
      packages: ['gunicorn'],
      command: ['gunicorn', 'shop.wsgi:application', '--bind=0.0.0.0:8000', '--access-logfile=-'],
    });
  });

  it('runs a WSGI application with granian when the project depends on granian, not gunicorn', () => {
    expect(chooseAppServer(WSGI, ['Django', 'granian==1.4.0'], 8000).command).toEqual([
      'granian',
      '--interface=wsgi',
      '--host=0.0.0.0',
      '--port=8000',
      'shop.wsgi:application',
    ]);
  });

  it.each([[['Django', 'granian', 'gunicorn']], [['Django', 'granian'], ['src']]])(
    'keeps gunicorn for WSGI with %j (gunicorn there too, or folders to import from)',
    (requirements, pythonPath = []) => {
      expect(chooseAppServer(WSGI, requirements, 8000, pythonPath).server).toBe('gunicorn');
    },
  );

  it.each([
    [
      ['uvicorn[standard]==0.38'],
      'uvicorn',
      ['uvicorn', 'shop.asgi:application', '--host=0.0.0.0', '--port=8000'],
    ],
    [
      ['granian[uvloop]~=2.7'],
      'granian',
      ['granian', '--interface=asgi', '--host=0.0.0.0', '--port=8000', 'shop.asgi:application'],
    ],
    [['daphne'], 'daphne', ['daphne', '--bind=0.0.0.0', '--port=8000', 'shop.asgi:application']],
    [
      ['channels~=2.0,>=2.0.2'],
      'daphne',
      ['daphne', '--bind=0.0.0.0', '--port=8000', 'shop.asgi:application'],
    ],
    [['hypercorn'], 'hypercorn', ['hypercorn', '--bind=0.0.0.0:8000', 'shop.asgi:application']],
  ])('runs ASGI with the server the project depends on: %j', (requirements, server, command) => {
    const choice = chooseAppServer(ASGI, requirements, 8000);

    expect(choice.server).toBe(server);
    expect(choice.command).toEqual(command);
  });

  it('runs uvicorn workers under gunicorn when the project has both', () => {
    expect(chooseAppServer(ASGI, ['gunicorn', 'uvicorn'], 8000).command).toEqual([
      'gunicorn',
      'shop.asgi:application',
      '--worker-class=uvicorn.workers.UvicornWorker',
      '--bind=0.0.0.0:8000',
      '--access-logfile=-',
    ]);
  });

  it('uses the uvicorn-worker distribution when the project has it', () => {
    expect(chooseAppServer(ASGI, ['gunicorn', 'uvicorn-worker'], 8000).command).toContain(
      '--worker-class=uvicorn_worker.UvicornWorker',
    );
  });

  it('adds gunicorn and uvicorn for an ASGI project without a server (Channels 4 brings none)', () => {
    const choice = chooseAppServer(ASGI, ['channels~=4.2'], 8000);

    expect(choice.server).toBe('gunicorn+uvicorn-worker');
    expect(choice.packages).toEqual(['gunicorn', 'uvicorn']);
  });

  it('puts the folders manage.py adds to sys.path on the server path', () => {
    expect(chooseAppServer(WSGI, [], 8000, ['src']).command).toContain('--pythonpath=src');
    expect(chooseAppServer(ASGI, ['uvicorn'], 8000, ['src']).command).toContain('--app-dir=src');
  });
});
