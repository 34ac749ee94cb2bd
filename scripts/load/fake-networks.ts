/**
 * The fake Telegram, VK and OK as a process of their own, for the ingest
 * benchmark: `tsx scripts/load/fake-networks.ts <org.yaml>`. In production
 * the networks run on other machines, so their side of the cards and
 * lookups the system sends must not run on the event loop of the bots being
 * measured. Prints one JSON line with the URLs (FakeNetworkUrls) and runs
 * until its stdin closes or it is told to stop.
 */
import { loadOrg } from '../../shared/platform/config/org.js';
import { startFakeNetworks } from '../../shared/sandbox/demo/harness.js';

const [orgPath] = process.argv.slice(2);
if (!orgPath) {
  console.error('usage: fake-networks.ts <org.yaml>');
  process.exit(2);
}
const fakes = await startFakeNetworks(loadOrg(orgPath));
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await fakes.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop()).resume();
console.log(JSON.stringify(fakes.urls));
