import { allCommands, areas } from '../../../cli/main';

describe('the CLI loads one area per verb', () => {
  it('finds every verb through the first words of the area that defines it', async () => {
    for (const area of areas) {
      for (const command of await area.load()) {
        const first = command.name.split(' ')[0] ?? '';
        expect([command.name, area.words.includes(first)]).toEqual([command.name, true]);
        // No other area claims the same first word (it would never be loaded for it).
        expect(areas.filter((a) => a.words.includes(first))).toHaveLength(1);
      }
    }
  });

  it('claims no first word that no verb has', async () => {
    const firsts = new Set((await allCommands()).map((c) => c.name.split(' ')[0]));
    expect(areas.flatMap((a) => a.words).filter((w) => !firsts.has(w))).toEqual([]);
  });
});
