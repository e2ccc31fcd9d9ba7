import { connect, type Socket } from 'node:net';
import type { ServiceName } from '../service.ts';
import type { ServiceControlAddress } from '../service.ts';

/** A test worker's end of the service control channel (`openServiceControl`). */
export interface ServiceControlClient {
  stop(service: ServiceName): Promise<void>;
  start(service: ServiceName): Promise<void>;
  /** Ends the connection; the main process starts again whatever it left stopped. */
  close(): void;
}

export async function connectServiceControl(address: ServiceControlAddress): Promise<ServiceControlClient> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const opened = connect({ host: '127.0.0.1', port: address.port }, () => resolve(opened));
    opened.once('error', reject);
  });
  socket.setEncoding('utf8');
  const waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  let buffered = '';
  let failure: Error | undefined;
  const failAll = (error: Error): void => {
    failure = error;
    for (const pending of waiting.splice(0)) pending.reject(error);
  };
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const pending = waiting.shift();
      if (line === 'ok') pending?.resolve();
      else pending?.reject(new Error(line.replace(/^error /, '')));
    }
  });
  socket.on('error', (error) => failAll(error));
  socket.on('close', () => failAll(new Error('the service control channel closed (is the Vitest run ending?)')));
  const send = (verb: 'stop' | 'start', service: ServiceName): Promise<void> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      waiting.push({ resolve, reject });
      socket.write(`${address.token} ${verb} ${service}\n`);
    });
  return {
    stop: (service) => send('stop', service),
    start: (service) => send('start', service),
    close: () => {
      socket.end();
    },
  };
}
