import { EventEmitter } from 'events';
import { runAttached } from './attach';
import type { RunningCommand, RunResult } from './run-compose';

const OK: RunResult = { exitCode: 0, signal: undefined, notFound: false, stdout: '', stderr: '' };

/** A child that exits when told to, or when it receives the signals in `exitsOn`. */
function fakeChild(exitsOn: NodeJS.Signals[] = []) {
  let resolve!: (r: RunResult) => void;
  let exited = false;
  const kills: NodeJS.Signals[] = [];
  const done = new Promise<RunResult>((r) => (resolve = r));
  const exit = (r: RunResult) => {
    if (exited) return;
    exited = true;
    resolve(r);
  };
  const child: RunningCommand = {
    pid: 4242,
    done,
    get exited() {
      return exited;
    },
    kill(signal) {
      kills.push(signal);
      if (exitsOn.includes(signal)) exit({ ...OK, exitCode: undefined, signal });
    },
  };
  return { child, exit, kills };
}

describe('runAttached', () => {
  it('returns the result of a child that exits on its own, without stopping anything', async () => {
    const signals = new EventEmitter();
    const { child, exit, kills } = fakeChild();
    const stop = jest.fn(async () => OK);
    const outcome = runAttached({ start: () => child, stop, signals });
    exit({ ...OK, exitCode: 1 });
    await expect(outcome).resolves.toEqual({
      result: { ...OK, exitCode: 1 },
      interrupted: undefined,
      stopResult: undefined,
    });
    expect(stop).not.toHaveBeenCalled();
    expect(kills).toEqual([]);
    expect(signals.listenerCount('SIGINT')).toBe(0);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  });

  it.each<[NodeJS.Signals]>([['SIGINT'], ['SIGTERM']])(
    'on %s, runs compose stop once and waits for the attached child to end',
    async (signal) => {
      const signals = new EventEmitter();
      const { child, exit, kills } = fakeChild();
      // `compose stop` ends the attached `up`, as the real one does.
      const stop = jest.fn(async () => {
        exit({ ...OK, exitCode: 0 });
        return OK;
      });
      const onSignal = jest.fn();
      const outcome = runAttached({ start: () => child, stop, signals, onSignal });
      signals.emit(signal);
      signals.emit(signal); // a second Ctrl+C does not start a second stop
      const result = await outcome;
      expect(result.interrupted).toBe(signal);
      expect(result.stopResult).toEqual(OK);
      expect(stop).toHaveBeenCalledTimes(1);
      expect(onSignal).toHaveBeenCalledWith(signal);
      expect(kills).toEqual([]);
      expect(signals.listenerCount(signal)).toBe(0);
    },
  );

  it('sends SIGTERM, then SIGKILL, to a child that outlives compose stop', async () => {
    const signals = new EventEmitter();
    const { child, kills } = fakeChild(['SIGKILL']);
    const stop = jest.fn(async () => OK);
    const outcome = runAttached({ start: () => child, stop, signals, graceMs: 5, killGraceMs: 5 });
    signals.emit('SIGTERM');
    const result = await outcome;
    expect(kills).toEqual(['SIGTERM', 'SIGKILL']);
    expect(result.result.signal).toBe('SIGKILL');
    expect(result.interrupted).toBe('SIGTERM');
  });

  it('stops after SIGTERM alone when the child honours it', async () => {
    const signals = new EventEmitter();
    const { child, kills } = fakeChild(['SIGTERM']);
    const outcome = runAttached({
      start: () => child,
      stop: async () => OK,
      signals,
      graceMs: 5,
      killGraceMs: 1000,
    });
    signals.emit('SIGINT');
    await outcome;
    expect(kills).toEqual(['SIGTERM']);
  });

  it('counts a child that exits 130 after its own Ctrl+C as interrupted', async () => {
    const signals = new EventEmitter();
    const { child, exit } = fakeChild();
    const outcome = runAttached({ start: () => child, stop: async () => OK, signals });
    exit({ ...OK, exitCode: 130 });
    expect((await outcome).interrupted).toBe('SIGINT');
  });

  it('reports a failed compose stop', async () => {
    const signals = new EventEmitter();
    const { child, exit } = fakeChild();
    const failed: RunResult = { ...OK, exitCode: 1 };
    const outcome = runAttached({
      start: () => child,
      stop: async () => {
        exit(OK);
        return failed;
      },
      signals,
    });
    signals.emit('SIGINT');
    expect((await outcome).stopResult).toEqual(failed);
  });
});
