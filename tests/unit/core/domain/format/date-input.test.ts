import { formatDateTyped, formatTimeTyped, parseDateTyped, parseTimeTyped } from '../../../../../core/domain/format/date-input';

describe('dates as an officer types them', () => {
  it('reads day first, with any of / - . as separator', () => {
    expect(parseDateTyped('17/06/2021')).toBe('2021-06-17');
    expect(parseDateTyped('7/6/2021')).toBe('2021-06-07');
    expect(parseDateTyped(' 17-06-2021 ')).toBe('2021-06-17');
    expect(parseDateTyped('17.06.2021')).toBe('2021-06-17');
    // Never month first, as a US-locale picker would have it.
    expect(parseDateTyped('06/17/2021')).toBeNull();
  });

  it('reads the stored form and month names', () => {
    expect(parseDateTyped('2021-06-17')).toBe('2021-06-17');
    expect(parseDateTyped('17 Juni 2021')).toBe('2021-06-17');
    expect(parseDateTyped('1 agu 2024')).toBe('2024-08-01');
    expect(parseDateTyped('30 Nop 2023')).toBe('2023-11-30');
    expect(parseDateTyped('3 Mar. 2025')).toBe('2025-03-03');
    // "Ju" could be Juni or Juli; "Ma" Maret or Mei.
    expect(parseDateTyped('17 Ju 2021')).toBeNull();
    expect(parseDateTyped('17 June 2021')).toBeNull();
  });

  it('refuses days that do not exist and what is not a date', () => {
    for (const bad of ['31/02/2026', '29/02/2025', '00/01/2026', '12/13/2026', '17/06/21', '2026/06/17', 'besok', '', '17/06/2021 08.00']) {
      expect(parseDateTyped(bad)).toBeNull();
    }
    expect(parseDateTyped('29/02/2024')).toBe('2024-02-29');
  });

  it('writes a stored date back day first, and leaves half-typed text alone', () => {
    expect(formatDateTyped('2021-06-17')).toBe('17/06/2021');
    expect(formatDateTyped('17/06')).toBe('17/06');
    expect(formatDateTyped('')).toBe('');
  });
});

describe('times as an officer types them', () => {
  it('reads a 24-hour clock with a dot or a colon', () => {
    expect(parseTimeTyped('07.30')).toBe('07:30');
    expect(parseTimeTyped('7:05')).toBe('07:05');
    expect(parseTimeTyped('0730')).toBe('07:30');
    expect(parseTimeTyped('23.59')).toBe('23:59');
    expect(parseTimeTyped('00.00')).toBe('00:00');
  });

  it('refuses what a 24-hour clock cannot show', () => {
    for (const bad of ['24.00', '12.60', '7.5', '7', '7:30 PM', 'pagi', '']) expect(parseTimeTyped(bad)).toBeNull();
  });

  it('writes a stored time with a dot', () => {
    expect(formatTimeTyped('07:30')).toBe('07.30');
    expect(formatTimeTyped('7.3')).toBe('7.3');
  });
});
