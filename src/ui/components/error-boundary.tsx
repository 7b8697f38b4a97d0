import React from 'react';
import { Box, Text } from 'ink';
import { sanitiseForTerminal } from '../../domain/text.js';

interface Props {
  /** Which view, for the message. */
  name: string;
  color: boolean;
  children: React.ReactNode;
  onError?: (error: Error) => void;
}

/**
 * A per-view boundary: a view that throws shows its error with "r retry / q quit" while the rest of
 * the app (status line, other views, keys) keeps working. Ink's own boundary would exit the app.
 * Retry remounts it: the App keys it on the load generation, which r (refresh) bumps.
 */
export class ViewErrorBoundary extends React.Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error): void {
    this.props.onError?.(error);
  }

  override render(): React.ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const c = this.props.color;
    return (
      <Box flexDirection="column" borderStyle="round" borderColor={c ? 'red' : undefined} paddingX={1}>
        <Text bold color={c ? 'red' : undefined}>
          The {this.props.name} view failed
        </Text>
        <Text wrap="truncate-end">{sanitiseForTerminal(error.message || String(error))}</Text>
        <Text> </Text>
        <Text>r retry · q quit</Text>
      </Box>
    );
  }
}
