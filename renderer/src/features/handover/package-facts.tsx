import type { CertificateInfo } from '@core/domain/signing/certificate';
import { totalsOf } from '@core/domain/handover/bundle';
import type { HandoverView } from '@core/domain/handover/views';
import type { RegionProfile } from '@core/domain/profiles/profile';
import { CertifiedBadge, IdentityText, ValidityText } from '../../components/certificate-facts';
import { useT } from '../../i18n/i18n-context';
import { formatCount, titleOf } from './model';
import { formatByteSize } from '@core/domain/format/byte-size';

/** "Yang ditandatangani": the package as the officer should recognise it, and where it goes. */
export function PackageWhat({ headingId, view, profile, nomor, outPath }: { headingId: string; view: HandoverView; profile: RegionProfile; nomor: string; outPath: string }) {
  const t = useT();
  const { bundle, completeness } = view;
  const totals = totalsOf(Object.values(bundle.items).flat());
  const present = completeness.items.filter((i) => i.isPresent).length;
  const required = completeness.items.filter((i) => i.isRequired).length;
  const title = titleOf(bundle.application) ?? t('handover.untitled');
  return (
    <section className="sg-confirm-part" aria-labelledby={headingId} data-testid="handover-confirm-what">
      <h3 id={headingId}>{t('handover.confirm.what')}</h3>
      <dl className="facts sg-facts sg-facts-narrow">
        <div>
          <dt>{t('handover.confirm.document')}</dt>
          <dd>{t('handover.confirm.documentValue', { title })}</dd>
        </div>
        <div>
          <dt>{t('handover.confirm.bundle')}</dt>
          <dd>
            <code>{bundle.id}</code>
          </dd>
        </div>
        <div>
          <dt>{t('handover.confirm.items')}</dt>
          <dd data-testid="handover-confirm-items">{t('handover.confirm.itemsValue', { present: formatCount(present), total: formatCount(completeness.items.length), required: formatCount(required) })}</dd>
        </div>
        <div>
          <dt>{t('handover.confirm.files')}</dt>
          <dd data-testid="handover-confirm-files">{t('handover.confirm.filesValue', { files: formatCount(totals.files), size: formatByteSize(totals.bytes) })}</dd>
        </div>
        <div>
          <dt>{t('handover.confirm.to')}</dt>
          <dd>{t('handover.confirm.toValue', { ictOffice: profile.terms.ictOffice, article: profile.handover.article, regulation: profile.regulation.shortTitle })}</dd>
        </div>
        <div>
          <dt>{t('handover.confirm.nomor')}</dt>
          <dd>{nomor.trim() || t('handover.confirm.nomorAuto')}</dd>
        </div>
        <div>
          <dt>{t('handover.confirm.out')}</dt>
          <dd>
            <code data-testid="handover-confirm-out">{outPath}</code>
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** "Penanda tangan": the certificate that signs, its identity, certification and validity. */
export function PackageWho({ headingId, cert, now }: { headingId: string; cert: CertificateInfo; now: Date }) {
  const t = useT();
  return (
    <section className="sg-confirm-part" aria-labelledby={headingId} data-testid="handover-confirm-who">
      <h3 id={headingId}>{t('handover.confirm.who')}</h3>
      <dl className="facts sg-facts sg-facts-narrow">
        <div>
          <dt>{t('handover.confirm.signer')}</dt>
          <dd>{cert.commonName}</dd>
        </div>
        <div>
          <dt>{t('handover.confirm.subject')}</dt>
          <dd className="sg-break">{cert.subject}</dd>
        </div>
        <div>
          <dt>{t('handover.confirm.identity')}</dt>
          <dd>
            <IdentityText cert={cert} />
          </dd>
        </div>
        <div>
          <dt>{t('handover.confirm.certification')}</dt>
          <dd>
            <CertifiedBadge isCertified={cert.isCertified} />
            {cert.isCertified ? null : <span className="ho-block ho-muted">{t('handover.confirm.uncertifiedMeaning')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('handover.confirm.validity')}</dt>
          <dd>
            <ValidityText cert={cert} now={now} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
