/**
 * What a render failure shows instead of a blank page: above all a lazily loaded chunk that cannot be fetched
 * (gone after a redeploy, or the server down), which React throws to the nearest boundary. The rest of the page
 * keeps working. Try again renders the part again, fetching a chunk that failed once more (`lazyRetry`: the
 * server is back); Reload fetches the current code (a redeploy removed the old chunks).
 */
import { Component, type ReactNode } from 'react';
import { nextRetryGeneration, RetryGeneration } from './lazy-retry.ts';

export interface ErrorBoundaryProps {
  /** What failed, in the message: "the charts", "this view". */
  readonly what: string;
  readonly children: ReactNode;
}

interface ErrorBoundaryState {
  readonly failed: boolean;
  /** New on mount and on every Try again: the chunks that failed under an older one are fetched again. */
  readonly generation: number;
}

/** React itself still reports the error to the console, for whoever opens it to find out why. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false, generation: nextRetryGeneration() };

  static getDerivedStateFromError(): Partial<ErrorBoundaryState> {
    return { failed: true };
  }

  private readonly retry = () => this.setState({ failed: false, generation: nextRetryGeneration() });

  override render() {
    if (!this.state.failed)
      return <RetryGeneration value={this.state.generation}>{this.props.children}</RetryGeneration>;
    return (
      <div className="state state-error" role="alert" data-testid="error-boundary">
        <strong>Could not show {this.props.what}.</strong> Part of the dashboard's code could not be loaded or
        failed: a new version may have been deployed since this page was opened, or the server is not
        answering.
        <button type="button" onClick={this.retry}>
          Try again
        </button>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
