#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx matchcast …` works from a fresh clone without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
