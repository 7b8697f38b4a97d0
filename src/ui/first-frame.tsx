/**
 * What the screen shows from the first moment, while the app's settings (audit configuration, the
 * Advisor's content) load behind it: the App's own status line, tabs, a loading Overview and footer,
 * drawn from the App's initial state. The App replaces it as soon as the settings are read.
 */
import React from 'react';
import { Box, useStdout } from 'ink';
import type { InventorySource } from '../domain/inventory.js';
import { contentHeight } from './app.js';
import { Footer } from './components/footer.js';
import { StatusLine } from './components/status-line.js';
import { TabBar } from './components/tab-bar.js';
import { readSize } from './hooks/use-terminal-size.js';
import { initialState } from './state/app-state.js';
import { inventoryOf } from './state/selectors.js';
import { ThemeContext } from './theme.js';
import { OverviewView } from './views/overview.js';

export function FirstFrame(props: { label: InventorySource['label']; color: boolean; now: Date }): React.JSX.Element {
  const { stdout } = useStdout();
  const state = initialState(readSize(stdout));
  const { size } = state;
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
            inventory={inventoryOf(state, props.now)}
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
