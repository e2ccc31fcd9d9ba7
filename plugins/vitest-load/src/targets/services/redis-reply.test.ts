import { describe, expect, it } from 'vitest';
import { replyLength } from './redis.ts';

describe('replyLength', () => {
  it('measures simple, bulk and array replies once they are complete', () => {
    expect(replyLength('+PONG\r\n', 0)).toBe(7);
    expect(replyLength('$5\r\nhello\r\n', 0)).toBe(11);
    expect(replyLength('*2\r\n$3\r\nfoo\r\n$2\r\nab\r\n', 0)).toBe(21);
    expect(replyLength('$-1\r\n', 0)).toBe(5);
  });

  it('says incomplete while bytes are still missing', () => {
    expect(replyLength('+PON', 0)).toBeUndefined();
    expect(replyLength('$5\r\nhel', 0)).toBeUndefined();
    expect(replyLength('*2\r\n$3\r\nfoo\r\n', 0)).toBeUndefined();
  });
});
