import { useWorkspace } from '../app-context';
import { useT } from '../i18n/i18n-context';
import { hrefOf, routeLabels, routes, type Route } from '../lib/routes';
import { transportLabels } from '../lib/transport-labels';

export function SideNav({ current }: { current: Route }) {
  const t = useT();
  const { info } = useWorkspace();
  return (
    <div className="side">
      <nav className="side-nav" aria-label={t('nav.label')}>
        <ul>
          {routes.map((route) => (
            <li key={route}>
              <a href={hrefOf(route)} aria-current={route === current ? 'page' : undefined} data-route={route}>
                {t(routeLabels[route])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p className="side-footer" data-testid="app-version">
        {t('footer.version', { name: info.name, version: info.version })}
        <br />
        {t(transportLabels[info.transport])}
      </p>
    </div>
  );
}
