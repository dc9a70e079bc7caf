import type { AppInfo } from '@core/api/contract-app';

/** How this UI reaches the services, in words (catalog keys). */
export const transportLabels: Record<AppInfo['transport'], 'transport.electron' | 'transport.http' | 'transport.inProcess'> = {
  electron: 'transport.electron',
  http: 'transport.http',
  'in-process': 'transport.inProcess',
};
