/** Renders the app into #root (its own chunk, loaded by main.tsx once the cards request is under way). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { ErrorBoundary } from './components/error-boundary.tsx';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary what="the dashboard">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
