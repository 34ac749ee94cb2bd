/**
 * The draft checks of issue #19 end to end: a spelling mistake warned on the
 * approver's card (the organisation switched spelling on; sobolevo-2021 has
 * it from п.23.2), with the dictionary's suggestion; and «ты» towards the
 * author warned under severny-pos-2022 (п.16). Warnings never block: the
 * approver still approves.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ORG } from '../../shared/sandbox/demo/harness.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { loadSpeller } from '../../shared/platform/wordlists/spelling.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const CURATOR = 101;
const ROADS = 201;

function orgFile(edit: (text: string) => string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'otklik-org-')), 'org.yaml');
  writeFileSync(path, edit(readFileSync(EXAMPLE_ORG, 'utf8')));
  return path;
}

describe('spelling, switched on in the organisation file', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await testHarness({ orgPath: orgFile((t) => `${t}\nprofileOverrides: { draftChecks: { spelling: true } }\n`) });
    // The bots began building the dictionary at start (some seconds on a busy machine); this process shares it.
    expect(h.system.ctx.profile.draftChecks?.spelling).toBeDefined();
    await loadSpeller();
  }, 120_000);
  afterAll(async () => h?.dispose());

  it('warns of a misspelt word on the executor\'s preview and on the approval card, with a suggestion', async () => {
    const id = await citizenWrites(h, 690001, 'На дороге в с. Антоновка яма, Дороги');
    await routeAsSuggested(h, id, CURATOR);
    const preview = await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Яму на дороге заделаем в среду, пожалуста, следите за новостями.');
    expect(preview.text).toContain('Проверьте написание: «пожалуста» — может быть, «пожалуйста»?');
    const card = await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании'), 'on approval');
    expect(card.text).toContain('Проверьте написание: «пожалуста» — может быть, «пожалуйста»?');
    // Correct words, names and abbreviations are not warned about.
    expect(card.text).not.toContain('«Здравствуйте»');
    expect(card.text!.match(/Проверьте написание/g)).toHaveLength(1);
    await press(h, h.org.chats.curators, id, CURATOR, '✅ Утвердить');
    await until(() => h.vk.sent.find((s) => s.kind === 'message' && s.peerId === 690001), 'the answer in VK despite the warning');
  }, 90_000);
});

describe('«ты» under severny-pos-2022', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await testHarness({
      orgPath: orgFile((t) => t.replace(/^profile: .*$/m, 'profile: severny-pos-2022').replace(/^timezone: .*$/m, 'timezone: Asia/Novosibirsk')),
    });
  });
  afterAll(async () => h?.dispose());

  it('warns of «ты» towards the author on the approval card, and not of the polite form', async () => {
    const id = await citizenWrites(h, 690101, 'Когда заделают яму на дороге в с. Антоновка? Дороги');
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Яму заделаем в среду, если хочешь — позвони нам. Спасибо, что написали.');
    const card = await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании'), 'on approval');
    expect(card.text).toContain('Обращение на «ты»: «хочешь»');
    expect(card.text).toContain('Обращение на «ты»: «позвони»');
    expect(card.text).not.toContain('«написали»');
    // No spelling check here: severny-pos-2022 does not ask for one, so no dictionary is loaded.
    expect(card.text).not.toContain('Проверьте написание');
  }, 90_000);
});
