import { describe, expect, it } from 'vitest';
import { chooseRuntime } from './runtime-choice.ts';

describe('chooseRuntime', () => {
  it('takes containers on auto when an engine answers, and says which engine', () => {
    expect(
      chooseRuntime('auto', 'VITEST_LOAD_RUNTIME=auto', {
        answers: true,
        description: 'Docker 20.10.24 at unix:///var/run/docker.sock',
      }),
    ).toEqual({
      name: 'container',
      runtimes: ['container'],
      line: 'vitest-load: runtime container (VITEST_LOAD_RUNTIME=auto; Docker 20.10.24 at unix:///var/run/docker.sock)',
    });
  });

  it('falls back to processes on auto without an engine, in one line that says why', () => {
    const choice = chooseRuntime('auto', "runtime: 'auto'", {
      answers: false,
      reason: 'Could not find a working container runtime strategy',
    });
    expect(choice.name).toBe('process');
    expect(choice.line).toBe(
      "vitest-load: runtime process (runtime: 'auto': no container engine answered: Could not find a working container runtime strategy)",
    );
    expect(choice.line).not.toContain('\n');
  });

  it('runs both runtimes side by side when asked and an engine answers', () => {
    expect(
      chooseRuntime('both', 'VITEST_LOAD_RUNTIME=both', { answers: true, description: 'engine 20.10' }).runtimes,
    ).toEqual(['process', 'container']);
  });

  it('fails on container without an engine, with the way to get one', () => {
    expect(() =>
      chooseRuntime('container', "runtime: 'container'", {
        answers: false,
        reason: 'connect ENOENT /var/run/docker.sock',
      }),
    ).toThrow(/no container engine answered: connect ENOENT \/var\/run\/docker.sock\nStart one .*docs\/containers.md/);
  });
});
