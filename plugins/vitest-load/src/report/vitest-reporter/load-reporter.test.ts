import { describe, expect, it } from 'vitest';
import { ciRunLink } from './load-reporter.ts';

describe('the link to the whole report in the summary', () => {
  it('is the GitHub Actions run, whose artifacts hold the report', () => {
    expect(
      ciRunLink({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/api', GITHUB_RUN_ID: '42' }),
    ).toEqual({ reportLink: 'https://github.com/acme/api/actions/runs/42' });
  });

  it('is left out elsewhere, where the summary names the file beside it', () => {
    expect(ciRunLink({ GITHUB_REPOSITORY: 'acme/api' })).toEqual({});
  });
});
