import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cruiseFolders, cruiseModules, repoRoot, violations } from '../../scripts/lint/boundaries.js';

const fixture = join(repoRoot, 'test/lint/fixtures/tree');

describe('architecture boundaries (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  it('reports each deliberately wrong import in a tree laid out like the repo, and nothing else', async () => {
    const found = violations(await cruiseModules(fixture)).sort();
    expect(found).toEqual(
      [
        'layer-core: shared/core/incident/decide.ts → shared/platform/db/client.ts',
        'core-is-pure: shared/core/incident/decide.ts → shared/platform/db/client.ts',
        'core-is-pure: shared/core/incident/decide.ts → fs',
        // A type-only import is a dependency too.
        'layer-platform: shared/platform/db/client.ts → shared/networks/types.ts',
        'layer-staffchat: shared/staffchat/cards/keyboard.ts → shared/flows/command/store.ts',
        'layer-bots: bots/main.ts → worker/main.ts',
        'product-not-sandbox: shared/flows/publish/send.ts → shared/sandbox/fakes/vk.ts',
        'product-not-test: shared/flows/publish/send.ts → test/kit/people.ts',
        'product-not-test: shared/sandbox/demo/run.ts → test/kit/people.ts',
        'shared-in-layers: shared/helpers/strings.ts → shared/core/sla/hours.ts',
        'shared-in-layers: worker/main.ts → shared/helpers/strings.ts',
        'no-circular: shared/flows/alerts/notice.ts → shared/flows/alerts/significant.ts → shared/flows/alerts/notice.ts',
      ].sort(),
    );
  });

  it('reports a cycle between product folders in the fixture', async () => {
    expect(violations(await cruiseFolders(fixture)).sort()).toEqual([
      'no-circular-folders: shared/flows/command → shared/flows/intake → shared/flows/command',
      'no-circular-folders: shared/flows/intake → shared/flows/command → shared/flows/intake',
    ]);
  });

  // Two cruises of some 450 modules: seconds alone, longer on a shared 2-core machine.
  it('finds no violation in the real tree', { timeout: 120_000 }, async () => {
    const [modules, folders] = [await cruiseModules(), await cruiseFolders()];
    // Guards against a vacuous pass: the cruise really saw the tree.
    expect(modules.summary.totalCruised).toBeGreaterThan(300);
    expect(folders.summary.totalCruised).toBeGreaterThan(200);
    expect([...violations(modules), ...violations(folders)]).toEqual([]);
  });
});
