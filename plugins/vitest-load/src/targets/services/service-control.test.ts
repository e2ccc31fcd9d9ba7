import { afterEach, describe, expect, it } from 'vitest';
import { never, type RunningService, type ServiceName } from '../service.ts';
import { connectServiceControl } from './service-control-client.ts';
import { openServiceControl, type ServiceControl } from './service-control.ts';

/** A service that only counts what it was asked: the channel's rules are under test here, not PostgreSQL. */
function countingService(name: ServiceName, events: string[]): RunningService {
  return {
    description: { name, origin: 'embedded', version: 'test', settings: {} },
    env: {},
    died: never,
    stop: async () => void events.push(`${name} stop`),
    pause: async () => void events.push(`${name} pause`),
    resume: async () => void events.push(`${name} resume`),
  };
}

let control: ServiceControl | undefined;
afterEach(async () => {
  await control?.close();
});

const until = async (condition: () => boolean): Promise<void> => {
  for (let tries = 0; tries < 100 && !condition(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('service control channel', () => {
  it('stops and starts a service when asked with the token', async () => {
    const events: string[] = [];
    control = await openServiceControl(new Map([['postgres', countingService('postgres', events)]]));
    const client = await connectServiceControl(control.address);
    await client.stop('postgres');
    await client.start('postgres');
    client.close();
    expect(events).toEqual(['postgres pause', 'postgres resume']);
  });

  it('starts again what a worker left stopped when its connection ends', async () => {
    const events: string[] = [];
    control = await openServiceControl(new Map([['redis', countingService('redis', events)]]));
    const client = await connectServiceControl(control.address);
    await client.stop('redis');
    client.close();
    await until(() => events.length === 2);
    expect(events).toEqual(['redis pause', 'redis resume']);
  });

  it('refuses a wrong token, an unknown service and a server of your own', async () => {
    const events: string[] = [];
    const own: RunningService = { ...countingService('redis', events), pause: undefined, resume: undefined };
    control = await openServiceControl(
      new Map<ServiceName, RunningService>([
        ['postgres', countingService('postgres', events)],
        ['redis', own],
      ]),
    );
    const client = await connectServiceControl({ ...control.address, token: 'f'.repeat(32) });
    await expect(client.stop('postgres')).rejects.toThrow('wrong token');
    client.close();
    const rightful = await connectServiceControl(control.address);
    await expect(rightful.stop('redis')).rejects.toThrow('"redis" is a server of your own');
    rightful.close();
    expect(events).toEqual([]);
  });

  it('starts nothing again once it is closing, so that the teardown stops the services for good', async () => {
    const events: string[] = [];
    control = await openServiceControl(new Map([['postgres', countingService('postgres', events)]]));
    const { address } = control;
    const client = await connectServiceControl(address);
    await client.stop('postgres');
    await control.close();
    control = undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual(['postgres pause']);
    // The channel is gone: nobody can stop a service any more.
    await expect(connectServiceControl(address)).rejects.toThrow('ECONNREFUSED');
  });
});
