import { exitOnStartupFailure, serveUntilSignal } from '@lab/contract';
import { createUpstreamServer } from './app.js';

serveUntilSignal('upstream', createUpstreamServer()).catch(exitOnStartupFailure('upstream'));
