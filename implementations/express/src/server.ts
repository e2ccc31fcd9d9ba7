import { createServer } from 'node:http';
import { exitOnStartupFailure, serveUntilSignal } from '@lab/node-backend';
import { createApp } from './app.js';

function main(): Promise<void> {
  const { app, close } = createApp();
  // The pool and the upstream client end only after the server has let in-flight requests finish.
  return serveUntilSignal('express', createServer(app), close);
}

main().catch(exitOnStartupFailure('express'));
