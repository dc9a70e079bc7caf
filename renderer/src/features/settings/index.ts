/** Settings: the Pengaturan screen, and the first-run screen with its starting values. */
export { SettingsScreen } from './settings-screen';
export { FirstRunScreen } from './first-run-screen';
export { emptyValues, valuesFromSettings } from './settings-values';
