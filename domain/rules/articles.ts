// Where each rule comes from, named for people in every refusal (DOMAIN.md R1–R40).
// "条例" is the State Council's Interim Regulations on Major Administrative Decision Procedures (Decree 713).

const DECREE = '《重大行政决策程序暂行条例》';
const HOLIDAYS = '《全国年节及纪念日放假办法》和国务院办公厅年度放假安排通知';
const SUPERVISION = '本市重大行政决策督查督办规定（提示函、督办函、考核台账）';

/** R-id → the article of the law or local rule it enforces, in Chinese. */
export const RULE_ARTICLES: Readonly<Record<string, string>> = {
  R1: `${DECREE}第三条第三款`,
  R2: `${DECREE}第十一条`,
  R3: `${DECREE}第十二条、第十三条`,
  R4: `${DECREE}第十四条`,
  R5: `${DECREE}第十五条`,
  R6: `${DECREE}第十四条、第十五条`,
  R7: `${DECREE}第十六条、第十七条`,
  R8: `${DECREE}第十八条、第二十九条`,
  R9: `${DECREE}第十九条`,
  R10: `${DECREE}第二十条、第二十一条`,
  R11: `${DECREE}第十九条`,
  R12: `${DECREE}第二十二条`,
  R13: `${DECREE}第二十三条`,
  R14: `${DECREE}第二十四条`,
  R15: `${DECREE}第二十五条`,
  R16: `${DECREE}第二十六条`,
  R17: `${DECREE}第二十六条`,
  R18: `${DECREE}第二十七条`,
  R19: `${DECREE}第二十八条`,
  R20: '《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》',
  'R20-filing':
    '《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）及本市行政规范性文件备案规定（公布之日起30日内报送备案）',
  R21: `${DECREE}第二十九条`,
  R22: `${DECREE}第二十九条`,
  R23: `${DECREE}第三十一条`,
  R24: `${DECREE}第三十条及本级人民政府工作规则`,
  R25: `${DECREE}第三十条`,
  R26: `${DECREE}第二十八条、第三十条`,
  R27: `${DECREE}第三十二条`,
  R28: `${DECREE}第三十三条`,
  R29: `${DECREE}第三十四条、第三十五条`,
  R30: `${DECREE}第三十六条`,
  R31: `${DECREE}第三十七条`,
  R32: HOLIDAYS,
  R33: HOLIDAYS,
  R34: SUPERVISION,
  R35: SUPERVISION,
  R36: SUPERVISION,
  R37: SUPERVISION,
  R38: `${DECREE}第三十三条`,
  R39: SUPERVISION,
  R40: SUPERVISION,
};

/** The article a rule enforces, or undefined for a refusal that is not a statutory rule (e.g. TASK_CLOSED). */
export function ruleArticle(rule: string): string | undefined {
  return RULE_ARTICLES[rule];
}
