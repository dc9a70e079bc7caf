import { createShutdown } from '../../../../electron/main/shutdown';

function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (err: Error) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('createShutdown', () => {
  it('holds the first quit until the workspace has closed, then quits once', async () => {
    const closing = deferred();
    const close = jest.fn(() => closing.promise);
    const quit = jest.fn();
    const onBeforeQuit = createShutdown(close, quit);

    const first = { preventDefault: jest.fn() };
    onBeforeQuit(first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);
    expect(quit).not.toHaveBeenCalled();

    // Quit pressed again while the database is still closing: held, not closed twice.
    const second = { preventDefault: jest.fn() };
    onBeforeQuit(second);
    expect(second.preventDefault).toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);

    closing.resolve();
    await flush();
    expect(quit).toHaveBeenCalledTimes(1);

    // The quit that follows goes through.
    const last = { preventDefault: jest.fn() };
    onBeforeQuit(last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('still quits when closing fails, and says so', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const closing = deferred();
    const quit = jest.fn();
    createShutdown(() => closing.promise, quit)({ preventDefault: jest.fn() });
    closing.reject(new Error('disk hilang'));
    await flush();
    expect(quit).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith('[berkas] ruang kerja gagal ditutup dengan rapi:', expect.any(Error));
    error.mockRestore();
  });
});
