import { describe, expect, it } from 'vitest';
import { LAW_LIBRARY } from '../../prisma/seed-legal-center.js';
import { citationFlags } from '../../domain/review/flags.js';

const library = LAW_LIBRARY.map((l) => ({ ...l, repealedOn: l.repealedOn ?? null, replacedBy: l.replacedBy ?? null }));

describe('the law library the assisted review checks citations against', () => {
  it('knows the laws a city government cites, so none of them is flagged as unverifiable', () => {
    const cited = [
      '中华人民共和国反恐怖主义法',
      '行政许可法',
      '行政处罚法',
      '行政强制法',
      '行政复议法',
      '行政诉讼法',
      '国家赔偿法',
      '政府信息公开条例',
      '立法法',
      '地方各级人民代表大会和地方各级人民政府组织法',
      '重大行政决策程序暂行条例',
      '优化营商环境条例',
      '公平竞争审查条例',
      '反垄断法',
      '价格法',
      '招标投标法',
      '环境保护法',
      '大气污染防治法',
      '水污染防治法',
      '环境影响评价法',
      '城乡规划法',
      '建筑法',
      '城市房地产管理法',
      '道路交通安全法',
      '公路法',
      '教育法',
      '义务教育法',
      '民办教育促进法',
      '产品质量法',
      '食品安全法',
      '消费者权益保护法',
      '土地管理法',
      '矿产资源法',
      '森林法',
      '预算法',
      '政府采购法',
      '城市公共交通条例',
    ];
    expect(citationFlags(library, cited, '2026-12-01')).toEqual([]);
  });

  it('marks a repealed law with the one that replaced it', () => {
    const [f] = citationFlags(library, ['中华人民共和国食品卫生法'], '2026-12-01');
    expect(f.code).toBe('repealed_basis');
    expect(f.message.zh).toContain('现行为《中华人民共和国食品安全法》');
    for (const l of library.filter((x) => x.replacedBy))
      expect(
        library.some((x) => x.name === l.replacedBy && !x.repealedOn),
        `${l.name} → ${l.replacedBy}`,
      ).toBe(true);
  });

  it('still flags a citation it cannot find', () => {
    expect(citationFlags(library, ['某某市不存在条例'], '2026-12-01').map((f) => f.code)).toEqual(['unknown_basis']);
  });
});
