/**
 * Repeats end to end through the fake VK and Telegram: the curators' card
 * suggests the same author's earlier incident on a similar subject.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardSays } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { vkCitizens } from '../kit/vk-citizens.js';

let h: TestHarness;

beforeAll(async () => {
  h = await testHarness();
});

afterAll(async () => h?.dispose());

const { comment, incidentOf } = vkCitizens(() => h);

const curators = () => h.org.chats.curators;

describe('repeats', () => {
  it("suggests on the curators' card that a message repeats the same author's earlier one", async () => {
    const first = await incidentOf(await comment(620101, 31, 'Яма на дороге на улице Ленина у дома 5, машины бьют колёса'));
    await cardSays(h, curators(), first.id, (t) => t.includes('Яма на дороге'), 'the first card');
    const other = await incidentOf(await comment(620101, 32, 'Не горят фонари во дворе дома 12 по улице Мира'));
    const again = await incidentOf(await comment(620101, 33, 'Опять яма на дороге на улице Ленина у дома 5, никто не чинит'));

    const card = await cardSays(h, curators(), again.id, (t) => t.includes('Опять яма'), 'the repeat card');
    const date = new Intl.DateTimeFormat('ru-RU', { timeZone: h.org.timezone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(first.detectedAt);
    expect(card.text).toContain(`Похоже на повтор №${first.id} от ${date}`);
    const otherCard = await cardSays(h, curators(), other.id, (t) => t.includes('фонари'), 'the unrelated card');
    expect(otherCard.text).not.toContain('Похоже на повтор');
    expect((await cardSays(h, curators(), first.id, () => true, 'first')).text).not.toContain('Похоже на повтор');
  });
});

