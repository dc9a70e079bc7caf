/** Kotak Keluar (issue 5): the outbox screen, and the header's reminder of the oldest unsent package. */
export { OutboxScreen } from './outbox-screen';
export { OldestUnsent } from './oldest-unsent';
export { ageLabel, outboxChangedEvent } from './labels';
