import { describe, expect, it } from 'vitest';
import { isLeftover, runLabels } from './container-labels.ts';

describe('isLeftover', () => {
  const labels = { ...runLabels('run-1', 4242), 'vitest-load.owner-host': 'this-host' };

  it('takes a run whose owner process is gone for a crashed run', () => {
    expect(isLeftover(labels, () => false, 'this-host')).toBe(true);
  });

  it('leaves alone a run whose owner is alive, a run of another machine and containers that are not ours', () => {
    expect(isLeftover(labels, () => true, 'this-host')).toBe(false);
    expect(isLeftover(labels, () => false, 'other-host')).toBe(false);
    expect(isLeftover({ 'org.testcontainers': 'true' }, () => false, 'this-host')).toBe(false);
  });
});
