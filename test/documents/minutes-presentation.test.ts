import { describe, expect, it } from 'vitest';
import { presentationLine } from '../../records/documents/minutes.js';

describe('the minutes’ presentation line', () => {
  it('names the department once, whatever the secretary typed', () => {
    expect(presentationLine('市交通运输局', '市交通运输局作说明')).toBe('市交通运输局作说明。');
    expect(presentationLine('市交通运输局', '市交通运输局作说明：方案已征求意见')).toBe(
      '市交通运输局作说明：方案已征求意见',
    );
    expect(presentationLine('市交通运输局', '作说明，方案已征求意见')).toBe('市交通运输局作说明：方案已征求意见');
    expect(presentationLine('市交通运输局', '方案已征求意见')).toBe('市交通运输局作说明：方案已征求意见');
  });
});
