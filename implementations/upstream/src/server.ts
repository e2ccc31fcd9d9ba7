import { exitOnStartupFailure, serveUntilSignal } from '@lab/node-backend';
import { createUpstreamServer } from './app.js';

serveUntilSignal('upstream', createUpstreamServer()).catch(exitOnStartupFailure('upstream'));
