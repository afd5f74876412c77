/**
 * What a render failure shows instead of a blank page: above all a lazily loaded chunk that cannot be fetched
 * (gone after a redeploy, or the server down), which React throws to the nearest boundary. The rest of the page
 * keeps working; Reload fetches the current code.
 */
import { Component, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  /** What failed, in the message: "the charts", "this view". */
  readonly what: string;
  readonly children: ReactNode;
}

interface ErrorBoundaryState {
  readonly failed: boolean;
}

/** React itself still reports the error to the console, for whoever opens it to find out why. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false };

  static getDerivedStateFromError(): ErrorBoundaryState {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="state state-error" role="alert" data-testid="error-boundary">
        <strong>Could not show {this.props.what}.</strong> Part of the dashboard's code could not be loaded or
        failed: a new version may have been deployed since this page was opened, or the server is not
        answering.
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
