/** Backup and restore (issue 8): the panels of Pengaturan and the first-run screen, and the reminder banner. */
export { BackupPanel, BackupReminder } from './backup-panel';
export { RestorePanel } from './restore-panel';
