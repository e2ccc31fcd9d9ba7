import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { startManagedProcess } from '../managed-process.ts';
import { describeStderr } from '../process-died-error.ts';
import { waitUntilReady } from '../wait-until-ready.ts';
import { restartable } from './restartable-server.ts';
import { never, type RunningService, type ServiceDescription } from '../service.ts';
import { freeLoopbackPort } from '../loopback-port.ts';

const HOW_TO_GET_REDIS =
  'redis-server is not on the PATH: install it (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis) or set REDIS_URL to a Redis of your own';

/** Starts a throw-away Redis: no persistence (but for a fault's stop), loopback only. */
export async function startRedis(
  command = 'redis-server',
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningService> {
  const port = await freeLoopbackPort();
  const settings = { save: '', appendonly: 'no' };
  // Where a fault's stop saves the data (SAVE) that the restart loads; nothing is saved otherwise.
  const dataDir = await mkdtemp(join(tmpdir(), 'vitest-load-redis-'));
  const launch = () =>
    startManagedProcess({
      command,
      args: [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        settings.save,
        '--appendonly',
        settings.appendonly,
        '--daemonize',
        'no',
        '--dir',
        dataDir,
      ],
      cwd: dataDir,
      env,
      stopGracePeriod: 5,
    });
  const first = await launch();
  const exit = await Promise.race([first.exited, delay(0).then(() => undefined)]);
  if (exit?.spawnError && (exit.spawnError as NodeJS.ErrnoException).code === 'ENOENT') {
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(HOW_TO_GET_REDIS);
  }
  const server = restartable(
    first,
    launch,
    (started) => waitForPong(port, started.exited, started.stderrTail),
    'redis',
  );
  const stop = async (): Promise<void> => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };

  const url = `redis://127.0.0.1:${port}`;
  try {
    await waitForPong(port, first.exited, first.stderrTail);
    const description = await describeRedis(url, 'embedded');
    const pause = async (): Promise<void> => {
      // Same data after the restart: written to the data folder now, loaded by the next start.
      if (!server.paused) await sendCommand('127.0.0.1', port, 'SAVE');
      await server.pause();
    };
    return { description, env: { REDIS_URL: url }, died: server.died, stop, pause, resume: server.resume };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A Redis the user runs: nothing to start or stop. */
export async function useRedis(url: string): Promise<RunningService> {
  return {
    description: await describeRedis(url, 'external'),
    env: { REDIS_URL: url },
    died: never,
    stop: async () => {},
  };
}

async function waitForPong(port: number, exited: Promise<unknown>, stderrTail: () => string): Promise<void> {
  const pongs = async (): Promise<boolean> => (await sendCommand('127.0.0.1', port, 'PING')).startsWith('+PONG');
  const wait = await waitUntilReady(pongs, 10, exited, 20);
  if (wait !== 'ready')
    throw new Error(
      `redis-server did not answer PING${wait === 'exited' ? ' (it exited)' : ' within 10 s'}.\n${describeStderr(stderrTail())}`,
    );
}

async function describeRedis(url: string, origin: ServiceDescription['origin']): Promise<ServiceDescription> {
  const { hostname, port } = new URL(url);
  const info = await sendCommand(hostname, Number(port || 6379), 'INFO server');
  const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  const config = await sendCommand(hostname, Number(port || 6379), 'CONFIG GET maxmemory-policy').catch(() => '');
  // *2 $16 maxmemory-policy $N <policy>: the value is the fifth line.
  const policy = config.split('\r\n')[4] || 'unknown';
  return {
    name: 'redis',
    origin,
    version,
    settings: { 'maxmemory-policy': policy, persistence: origin === 'embedded' ? 'off' : 'as configured' },
  };
}

/**
 * One inline command over a fresh connection; resolves with the raw reply once it is complete.
 * A Redis client library would be more than the three commands the plugin needs.
 */
function sendCommand(host: string, port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let answer = '';
    socket.setTimeout(2000, () => socket.destroy(new Error(`no answer to ${command}`)));
    socket.on('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (replyLength(answer, 0) !== undefined) {
        socket.end();
        resolve(answer);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`connection closed before the reply to ${command} was complete`)));
  });
}

/** Length of the RESP reply starting at `offset`, or undefined while it is incomplete. */
export function replyLength(text: string, offset: number): number | undefined {
  const lineEnd = text.indexOf('\r\n', offset);
  if (lineEnd < 0) return undefined;
  const header = text.slice(offset + 1, lineEnd);
  const afterHeader = lineEnd + 2 - offset;
  switch (text[offset]) {
    case '$': {
      const size = Number(header);
      if (size < 0) return afterHeader;
      return text.length - offset >= afterHeader + size + 2 ? afterHeader + size + 2 : undefined;
    }
    case '*': {
      let length = afterHeader;
      for (let item = 0; item < Number(header); item++) {
        const itemLength = replyLength(text, offset + length);
        if (itemLength === undefined) return undefined;
        length += itemLength;
      }
      return length;
    }
    default:
      return afterHeader;
  }
}
