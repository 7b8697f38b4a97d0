/**
 * What the screen shows from the first moment, while the App and the settings it needs (audit
 * configuration, the Advisor's content) load behind it: the App's own status line, tabs, a loading
 * Overview and footer, drawn from the App's initial state. The App replaces it once it is loaded.
 *
 * Kept light on purpose: nothing here may import the App, its state module or selectors (they bring
 * the Advisor, its YAML and zod, the report renderer and the search index), which are only needed
 * after this frame. A test checks that this frame is exactly the App's first.
 */
import React from 'react';
import { Box, useStdout } from 'ink';
import type { Inventory, InventorySource } from '../domain/inventory.js';
import { DEFAULT_AUDIT_CONFIG } from '../domain/thresholds.js';
import { Footer } from './components/footer.js';
import { StatusLine, type StatusState } from './components/status-line.js';
import { TabBar } from './components/tab-bar.js';
import { contentHeight, readSize } from './hooks/use-terminal-size.js';
import type { AppState } from './state/app-state.js';
import { ThemeContext } from './theme.js';
import { OverviewView } from './views/overview.js';

/** The part of `initialState()` (state/app-state.ts) the first frame draws: nothing loaded yet. */
export function firstFrameState(): StatusState & Pick<AppState, 'view' | 'mode' | 'findings' | 'config'> {
  return {
    view: 'overview',
    mode: 'normal',
    load: { status: 'loading', generation: 1, error: null, regionsTotal: null },
    account: null,
    regions: [],
    accounts: null,
    origin: null,
    cachedAt: null,
    waiting: null,
    findings: null,
    config: DEFAULT_AUDIT_CONFIG,
  };
}

export function FirstFrame(props: { label: InventorySource['label']; color: boolean; now: Date }): React.JSX.Element {
  const { stdout } = useStdout();
  const size = readSize(stdout);
  const state = firstFrameState();
  // selectors.ts `inventoryOf` of the initial state: nothing read, dated now.
  const inventory: Inventory = { generatedAt: props.now.toISOString(), account: null, regions: [], certificates: [], warnings: [] };
  return (
    <ThemeContext.Provider value={{ color: props.color }}>
      <Box flexDirection="column" width={size.columns} height={size.rows - 1} overflow="hidden">
        <StatusLine label={props.label} state={state} width={size.columns} />
        <TabBar view={state.view} width={size.columns} />
        <Box height={contentHeight(size)} overflow="hidden">
          <OverviewView
            width={size.columns}
            height={contentHeight(size)}
            label={props.label}
            inventory={inventory}
            config={state.config}
            load={state.load}
            findings={state.findings}
            now={props.now}
          />
        </Box>
        <Footer ctx={{ mode: state.mode, screen: 'overview' }} width={size.columns} />
      </Box>
    </ThemeContext.Provider>
  );
}
