
import type { BackupPhase, BackupProgress } from '@core/domain/backup/types';
import type { MessageKey, Translate } from '../../i18n/catalog';
import { formatByteSize } from '@core/domain/format/byte-size';

const plainPhaseKeys = {
  snapshot: 'backup.phase.snapshot',
  key: 'backup.phase.key',
  finishing: 'backup.phase.finishing',
  done: 'backup.phase.done',
} as const satisfies Record<Exclude<BackupPhase, 'writing' | 'reading'>, MessageKey>;

/** "Menulis 12 MB dari 1,5 GB (1%)…": what a backup or restore job is doing, for its progress line. */
export function phaseText(t: Translate, p: BackupProgress): string {
  const amounts = { done: formatByteSize(p.bytesDone), total: formatByteSize(p.bytesTotal), percent: percentOf(p) };
  if (p.phase === 'writing') return t('backup.phase.writing', amounts);
  if (p.phase === 'reading') return t('backup.phase.reading', amounts);
  return t(plainPhaseKeys[p.phase]);
}

export function percentOf(p: BackupProgress): number {
  return p.bytesTotal > 0 ? Math.floor((p.bytesDone * 100) / p.bytesTotal) : 0;
}
