import { createBridge } from '../../../../electron/preload/bridge';
import { channels } from '../../../../core/api/channels';

describe('createBridge', () => {
  it('has exactly one function per channel, and is frozen', () => {
    const bridge = createBridge(jest.fn());
    expect(Object.keys(bridge).sort()).toEqual([...channels].sort());
    for (const channel of channels) expect(typeof bridge[channel]).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('sends each verb to its prefixed IPC channel with exactly one argument', async () => {
    const invoke = jest.fn((_channel: string, _payload: unknown) => Promise.resolve({ ok: true, value: 'dijawab' }));
    const bridge = createBridge(invoke);
    const extra = bridge.checkNip as unknown as (...args: unknown[]) => Promise<unknown>;
    await expect(extra({ nip: '198503122010011003' }, 'kedua', { ketiga: true })).resolves.toEqual({ ok: true, value: 'dijawab' });
    expect(invoke).toHaveBeenCalledWith('berkas:checkNip', { nip: '198503122010011003' });
    expect(invoke.mock.calls[0]).toHaveLength(2);
  });
});
