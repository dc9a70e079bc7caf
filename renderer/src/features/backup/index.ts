/** Backup and restore (issue 8): the panels of Pengaturan and the first-run screen, and the reminder banner. */
export { BackupPanel } from './backup-panel';
export { BackupReminder } from './backup-reminder';
export { RestorePanel } from './restore-panel';
