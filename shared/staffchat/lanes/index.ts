/**
 * Staff chats are a rate-limited resource: every staff-facing send and edit
 * goes through its chat's lane (see README.md beside this file).
 */
export { offerCard, resendCard, type CardOffer } from './cards.js';
export { postMessage, type PostMessage } from './messages.js';
export { showDigestPage } from './digests.js';
export { digestOpenData, parseDigestOpenData, digestPageData, parseDigestPageData, renderDigestPage, DIGEST_PAGE_SIZE } from './digest-render.js';
export { reofferPending } from './recover.js';
export { chargeDirect, takeDirect } from './direct.js';
export { pumpLane } from './pump.js';
export { lanesOf } from './runtime.js';
export { scaledClock, type ScaledClock } from './time.js';
export { TELEGRAM_LANE_LIMITS, type LaneLimits } from './limits.js';
