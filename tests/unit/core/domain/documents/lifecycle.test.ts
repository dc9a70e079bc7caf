import { OUTBOX_STATES } from '../../../../../core/domain/outbox/machine';
import { DOCUMENT_STATES, describeLifecycle, documentLifecycle, isReportDone } from '../../../../../core/domain/documents/lifecycle';

describe('documentLifecycle, over every combination of document and outbox state', () => {
  const expected: Record<(typeof OUTBOX_STATES)[number], [string, string | null, string | null]> = {
    // outbox state: [state, queue when not held, queue when held]
    draft: ['ditandatangani', null, null],
    siap: ['ditandatangani', null, null],
    antre: ['antre', 'menunggu', 'ditahan'],
    mengirim: ['antre', 'mengirim', 'mengirim'],
    'belum-pasti': ['antre', 'belum-pasti', 'belum-pasti'],
    terkirim: ['terkirim', null, null],
    diterima: ['diterima', null, null],
    'perlu-revisi': ['perlu-revisi', null, null],
    ditolak: ['ditolak', null, null],
    gagal: ['antre', 'gagal', 'gagal'],
    dibatalkan: ['ditandatangani', null, null],
  };

  it('is draf for an unsigned document whatever the outbox says', () => {
    expect(documentLifecycle({ isSigned: false, outbox: null })).toEqual({ state: 'draf', queue: null });
    for (const state of OUTBOX_STATES) for (const isHeld of [false, true]) expect(documentLifecycle({ isSigned: false, outbox: { state, isHeld } }).state).toBe('draf');
  });

  it('is ditandatangani for a signed document never put in the outbox', () => {
    expect(documentLifecycle({ isSigned: true, outbox: null })).toEqual({ state: 'ditandatangani', queue: null });
  });

  it.each(OUTBOX_STATES.map((s) => [s]))('maps outbox state %s for a signed document, held and not', (state) => {
    const [doc, queue, heldQueue] = expected[state];
    expect(documentLifecycle({ isSigned: true, outbox: { state, isHeld: false } })).toEqual({ state: doc, queue });
    expect(documentLifecycle({ isSigned: true, outbox: { state, isHeld: true } })).toEqual({ state: doc, queue: heldQueue });
  });

  it('reaches every document state, and only diterima finishes a report period', () => {
    const reached = new Set([documentLifecycle({ isSigned: false, outbox: null }).state, ...OUTBOX_STATES.map((state) => documentLifecycle({ isSigned: true, outbox: { state, isHeld: false } }).state)]);
    expect([...reached].sort()).toEqual([...DOCUMENT_STATES].sort());
    expect(DOCUMENT_STATES.filter((state) => isReportDone({ state, queue: null }))).toEqual(['diterima']);
  });

  it('describes itself in one Indonesian line', () => {
    expect(describeLifecycle({ state: 'antre', queue: 'ditahan' })).toBe('Antre untuk dikirim (ditahan)');
    expect(describeLifecycle({ state: 'ditandatangani', queue: null })).toBe('Ditandatangani, belum dikirim');
  });
});
