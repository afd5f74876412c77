/** The one look for loading, empty and error states, so no view is ever a blank page. */
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.ts';

export function Loading({ what }: { readonly what: string }) {
  return (
    <div className="state state-loading" role="status" data-testid="loading">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function Empty({ children }: { readonly children: ReactNode }) {
  return (
    <div className="state state-empty" data-testid="empty">
      {children}
    </div>
  );
}

export function ErrorMessage({
  error,
  what,
  onRetry,
}: {
  readonly error: ApiError;
  readonly what: string;
  readonly onRetry?: () => void;
}) {
  return (
    <div className="state state-error" role="alert" data-testid="error">
      <strong>Could not load {what}.</strong> {error.message}
      {onRetry !== undefined && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
