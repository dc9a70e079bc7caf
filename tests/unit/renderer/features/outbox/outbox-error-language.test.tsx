import { BerkasError } from '../../../../../core/domain/errors';
import { networkMessage } from '../../../../../core/domain/outbox/failures';
import { availableActions, newStatus, progressPercent, transition, type OutboxEvent, type OutboxStatus } from '../../../../../core/domain/outbox/machine';
import type { OutboxItemView } from '../../../../../core/domain/outbox/views';
import { errorOf } from '../../../../../core/services/outbox/failures';
import type { Language } from '../../../../../renderer/src/i18n/catalog';
import { OutboxList } from '../../../../../renderer/src/features/outbox/outbox-list';
import { renderSigning, textOf } from '../../signing/render';

/**
 * An outbox item's last error reaches the Outbox screen in the UI's language:
 * the failure is recorded the way the sender records it (errorOf, then the
 * state machine), crosses to the renderer as JSON, and the item's reason is
 * its code's English text filled from the details the item kept.
 */
const serverUrl = 'https://intake.example.go.id';
const t0 = new Date('2026-12-07T10:00:00.000Z');

function itemFailedWith(id: string, err: BerkasError, type: 'fail' | 'wait'): OutboxItemView {
  const events: OutboxEvent[] = [{ type: 'enqueue' }, { type: 'start' }, { type, error: errorOf(err) }];
  const status = events.reduce<OutboxStatus>((s, event) => transition(s, event, { now: t0, random: () => 0.5 }), newStatus(t0, 4096));
  const view: OutboxItemView = {
    id,
    seq: 1,
    title: `Laporan ${id}`,
    type: 'laporan',
    opd: 'BAPPEDA',
    period: '2026',
    periodLabel: '2026',
    revisionOf: null,
    mainDocument: 'data/laporan.pdf',
    manifestSha256: 'a'.repeat(64),
    packageSha256: 'b'.repeat(64),
    packageSize: 4096,
    fileCount: 2,
    createdAt: t0.toISOString(),
    exportedAt: null,
    status,
    percent: progressPercent(status),
    actions: availableActions(status),
  };
  // As over IPC: only what survives JSON reaches the screen.
  return JSON.parse(JSON.stringify(view)) as OutboxItemView;
}

const refused = itemFailedWith(
  '0193a6f0-0000-7000-8000-000000000001',
  new BerkasError('NETWORK_REFUSED', networkMessage('NETWORK_REFUSED', serverUrl), { serverUrl, isMaybeDelivered: false }),
  'fail',
);
const revoked = itemFailedWith(
  '0193a6f0-0000-7000-8000-000000000002',
  new BerkasError('TOKEN_REVOKED', `Token perangkat ditolak server ${serverUrl}. Daftarkan ulang perangkat ini dengan kode baru dari Diskominfo.`, { serverUrl }),
  'wait',
);

const listShown = (language: Language) => textOf(renderSigning(<OutboxList items={[refused, revoked]} onChanged={() => undefined} onReceipt={() => undefined} />, { language }));

describe("an outbox item's last error on the Outbox screen", () => {
  it('is shown in English with its server filled in when the UI is in English', () => {
    const shown = listShown('en');
    expect(shown).toContain(`The server ${serverUrl} refused the connection from this computer: the server is down or its address is wrong.`);
    expect(shown).toContain(`The server ${serverUrl} refused this device's token. Enrol this device again`);
    expect(shown).not.toContain('menolak koneksi');
    expect(shown).not.toContain('Token perangkat');
  });

  it('is shown as recorded, in Indonesian, when the UI is in Indonesian', () => {
    const shown = listShown('id');
    expect(shown).toContain(`Server ${serverUrl} menolak koneksi dari komputer ini: server mati atau alamatnya salah.`);
    expect(shown).toContain(`Token perangkat ditolak server ${serverUrl}.`);
  });

  it('falls back to the recorded Indonesian message for an item saved before errors kept their details', () => {
    const { details: _dropped, ...older } = refused.status.lastError ?? { code: '', message: '', at: '' };
    const shown = textOf(renderSigning(<OutboxList items={[{ ...refused, status: { ...refused.status, lastError: older } }]} onChanged={() => undefined} onReceipt={() => undefined} />, { language: 'en' }));
    expect(shown).toContain(`Server ${serverUrl} menolak koneksi dari komputer ini`);
  });
});
