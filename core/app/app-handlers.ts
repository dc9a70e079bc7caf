import type { Handlers } from '../api/contract';
import { calendarDateOf } from '../domain/reports/periods';
import { checkNip } from '../domain/settings/nip';
import type { Services } from './services';

type AppChannel = 'appInfo' | 'getSettings' | 'saveSettings' | 'checkNip' | 'listProfiles' | 'getProfile' | 'browseFolder';

/** The app, settings and profile channels, spread into createHandlers. */
export function createAppHandlers(services: Services): Pick<Handlers, AppChannel> {
  const ws = services.workspace;
  return {
    appInfo: async () => ({ name: 'Berkas', version: ws.appVersion, transport: ws.transport, dataDir: ws.dataDir, notices: ws.notices, today: calendarDateOf(services.clock.now()) }),
    getSettings: () => services.settings.load(),
    saveSettings: (request) => services.settings.save(request),
    checkNip: async ({ nip }) => checkNip(nip, services.clock.now()),
    listProfiles: async () => services.profiles.list(),
    getProfile: async ({ id }) => services.profiles.get(id),
    browseFolder: ({ path: target, extensions, isWithPlaces }) => services.folders.list(target, { isWithPlaces: isWithPlaces === true, ...(extensions ? { extensions } : {}) }),
  };
}
