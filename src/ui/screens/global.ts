/** Commands that mean the same on every screen the keymap offers them: views, help, refresh, quit. */
import { VIEWS, type ViewId } from '../state/app-state.js';
import type { CommandHandler, ScreenKeys } from './context.js';

const view =
  (id: ViewId): CommandHandler =>
  (c) =>
    c.act({ type: 'view', view: id });

export const globalKeys: ScreenKeys = {
  commands: {
    'view.overview': view('overview'),
    'view.certificates': view('certificates'),
    'view.findings': view('findings'),
    'view.advisor': view('advisor'),
    'view.report': view('report'),
    // Tab and ] go right along the tabs, Shift+Tab and [ left, wrapping at the ends.
    'view.next': (c) => c.act({ type: 'view', view: VIEWS[(VIEWS.indexOf(c.state.view) + 1) % VIEWS.length] }),
    'view.prev': (c) => c.act({ type: 'view', view: VIEWS[(VIEWS.indexOf(c.state.view) + VIEWS.length - 1) % VIEWS.length] }),
    // From the Overview and the detail pane too: / always means "filter the certificates".
    'filter.open': (c) => c.act({ type: 'filter-open' }),
    refresh: (c) => c.act({ type: 'refresh' }),
    help: (c) => c.act({ type: 'help-toggle' }),
    'help.close': (c) => c.act({ type: 'help-toggle' }),
    quit: (c) => c.exit(0),
    interrupt: (c) => c.exit(130),
  },
};
