/** Asks for the API key: on first visit, and again when the API rejects the stored one. */
import { type FormEvent, useEffect, useRef, useState } from 'react';

export function KeyPrompt({
  rejected,
  onSubmit,
}: {
  /** The API's message when the previous key was refused; null on first visit. */
  readonly rejected: string | null;
  readonly onSubmit: (key: string) => void;
}) {
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // The prompt is the only thing to do on the page (again after a refusal): the key can be typed at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new refusal asks again, so it focuses again.
  useEffect(() => input.current?.focus(), [rejected]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim() !== '') onSubmit(value.trim());
  };
  return (
    <form className="panel key-prompt" onSubmit={submit} data-testid="key-prompt">
      <h2>API key</h2>
      {rejected !== null ? (
        <p className="state-error" role="alert" data-testid="key-rejected">
          The API rejected this key ({rejected}). Enter the key printed by <code>npm start</code> or set in{' '}
          <code>API_KEY</code>.
        </p>
      ) : (
        <p>
          The dashboard reads the Matchcast API, which needs a key. It is printed by <code>npm start</code>{' '}
          (the link carries it) or set in <code>API_KEY</code>. It is kept in this browser only.
        </p>
      )}
      <input
        ref={input}
        type="password"
        autoComplete="off"
        aria-label="API key"
        data-testid="key-input"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit">Use this key</button>
    </form>
  );
}
