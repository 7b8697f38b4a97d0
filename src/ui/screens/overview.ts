/** The Overview (key 1): in a narrow window its sections stack, and the cursor keys scroll them. */
import { pagerExtent } from '../state/scroll.js';
import type { ScreenKeys } from './context.js';
import { scrollKeys } from './moves.js';

export const overviewKeys: ScreenKeys = {
  commands: scrollKeys('overview', (c) => pagerExtent(c.overviewLines, c.height)),
};
