import { useEffect, useRef } from 'react';
import { useWorkspace } from './app-context';
import { AppHeader } from './components/app-header';
import { NoticeBanner } from './components/notice-banner';
import { SideNav } from './components/side-nav';
import { SkipLink } from './components/skip-link';
import { ScreenErrorBoundary } from './components/screen-error-boundary';
import { OldestUnsent, OutboxScreen } from './features/outbox';
import { LaporanScreen } from './features/reports';
import { BerandaScreen } from './features/beranda';
import { DocumentsScreen } from './features/documents';
import { RencanaAksiScreen } from './features/rencana-aksi';
import { HandoverScreen } from './features/handover';
import { SettingsScreen } from './features/settings';
import { SigningScreen } from './features/signing';
import { useT } from './i18n/i18n-context';
import { routeLabels, type Route } from './lib/routes';
import { useRoute } from './lib/use-route';
import { useSideNav } from './lib/use-side-nav';

function Screen({ route }: { route: Route }) {
  switch (route) {
    case 'beranda':
      return <BerandaScreen />;
    case 'dokumen':
      return <DocumentsScreen />;
    case 'rencana-aksi':
      return <RencanaAksiScreen />;
    case 'serah-terima':
      return <HandoverScreen />;
    case 'laporan':
      return <LaporanScreen />;
    case 'kotak-keluar':
      return <OutboxScreen />;
    case 'tanda-tangan':
      return <SigningScreen />;
    case 'pengaturan':
      return <SettingsScreen />;
  }
}

/** The set-up app: skip link, header, navigation, one screen. */
export function Shell() {
  const t = useT();
  const { info } = useWorkspace();
  const route = useRoute();
  const side = useSideNav();
  const mainRef = useRef<HTMLElement>(null);
  const previousRoute = useRef<Route | null>(null);

  // A new screen (and the first one, right after the set-up form was saved far down its page) starts at the top.
  useEffect(() => {
    window.scrollTo({ top: 0, left: 0 });
  }, [route]);

  useEffect(() => {
    document.title = `${t(routeLabels[route])} — ${t('app.name')}`;
    // After a navigation (not on first load), start keyboard and screen-reader users at the new heading.
    if (previousRoute.current !== null && previousRoute.current !== route) {
      mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
    }
    previousRoute.current = route;
  }, [route, t]);

  return (
    <div className="shell" data-side={side.isCollapsed ? 'collapsed' : 'expanded'}>
      <SkipLink targetId="main" />
      <AppHeader status={<OldestUnsent />} />
      <SideNav current={route} isCollapsed={side.isCollapsed} onToggle={side.toggle} />
      <main id="main" className="main" ref={mainRef} tabIndex={-1}>
        <NoticeBanner notices={info.notices} />
        {/* The overdue reports and the backup reminder live on Beranda, not above every editor (issue 13). */}
        <ScreenErrorBoundary key={route} t={t}>
          <Screen route={route} />
        </ScreenErrorBoundary>
      </main>
    </div>
  );
}
