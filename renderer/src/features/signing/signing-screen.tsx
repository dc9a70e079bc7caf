import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/catalog';
import { CertificatesPanel } from './certificates-panel';
import { readSigningTab, signingTabs, writeSigningTab, type SigningTab } from './signing-tabs';
import { TrustRootsPanel } from './trust-roots-panel';
import { VerifyPanel } from './verify-panel';

const tabLabels = {
  verify: 'sign.tab.verify',
  certificates: 'sign.tab.certificates',
  trust: 'sign.tab.trust',
} as const satisfies Record<SigningTab, MessageKey>;

/**
 * Tanda Tangan (issue 4): check any PDF's signatures, the officer's own
 * certificates, and the root certificates trusted when checking. Three tabs
 * (WAI-ARIA tabs: arrow keys move between them, Tab goes into the panel).
 */
export function SigningScreen() {
  const t = useT();
  const idBase = useId();
  const [tab, setTab] = useState<SigningTab>(readSigningTab);
  const tabRefs = useRef<Partial<Record<SigningTab, HTMLButtonElement | null>>>({});

  const choose = (next: SigningTab, shouldFocus = false) => {
    setTab(next);
    writeSigningTab(next);
    if (shouldFocus) tabRefs.current[next]?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = signingTabs.indexOf(tab);
    let next: SigningTab | undefined;
    if (e.key === 'ArrowRight') next = signingTabs[(i + 1) % signingTabs.length];
    else if (e.key === 'ArrowLeft') next = signingTabs[(i + signingTabs.length - 1) % signingTabs.length];
    else if (e.key === 'Home') next = signingTabs[0];
    else if (e.key === 'End') next = signingTabs[signingTabs.length - 1];
    if (!next) return;
    e.preventDefault();
    choose(next, true);
  };

  return (
    <div className="sg-screen">
      <ScreenHeading lead={t('sign.screen.lead')}>{t('sign.screen.title')}</ScreenHeading>
      <div className="sg-tabs" role="tablist" aria-label={t('sign.screen.title')} onKeyDown={onKeyDown}>
        {signingTabs.map((name) => (
          <button
            key={name}
            ref={(el) => {
              tabRefs.current[name] = el;
            }}
            id={`${idBase}-tab-${name}`}
            type="button"
            role="tab"
            className="sg-tab"
            aria-selected={tab === name}
            aria-controls={`${idBase}-panel`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => choose(name)}
            data-tab={name}
          >
            {t(tabLabels[name])}
          </button>
        ))}
      </div>
      <div id={`${idBase}-panel`} role="tabpanel" aria-labelledby={`${idBase}-tab-${tab}`} className="sg-tabpanel">
        {tab === 'verify' ? <VerifyPanel /> : null}
        {tab === 'certificates' ? <CertificatesPanel /> : null}
        {tab === 'trust' ? <TrustRootsPanel /> : null}
      </div>
    </div>
  );
}
