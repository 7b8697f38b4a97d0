/** The help overlay (?): its own scroll, whatever screen it was opened on. */
import { helpExtent } from '../components/help-overlay.js';
import { screenOf } from '../state/app-state.js';
import type { ScreenKeys } from './context.js';
import { scrollKeys } from './moves.js';

export const helpKeys: ScreenKeys = {
  commands: scrollKeys('help', (c) => helpExtent(screenOf(c.state), c.state.size.columns, c.height)),
};
