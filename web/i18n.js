// UI strings and formatting in Simplified Chinese (default) and English.
// The chosen locale is kept in localStorage so it survives reloads and sign-outs.

const LOCALE_KEY = 'yifa.locale';
export const TIME_ZONE = 'Asia/Shanghai';

const MESSAGES = {
  zh: {
    'app.name': '依法',
    'app.subtitle': '重大行政决策程序平台',
    'app.skip': '跳到主要内容',
    'colon': '：',
    'locale.label': '界面语言',
    'signin.title': '登录',
    'signin.lead': '请使用本单位分配的账号登录。',
    'signin.username': '用户名',
    'signin.password': '密码',
    'signin.submit': '登录',
    'signin.busy': '正在登录…',
    'signin.demo': '演示账号：drafter.jtysj / yifa-demo',
    'signin.required.username': '请输入用户名',
    'signin.required.password': '请输入密码',
    'signin.expired': '登录已失效，请重新登录。',
    'signin.signedOut': '已退出登录。',
    'header.signout': '退出登录',
    'header.user': '当前用户',
    'tasks.title': '我的待办',
    'tasks.total': '共 {n} 项',
    'tasks.overdue': '逾期 {n} 项',
    'tasks.none': '暂无待办任务。',
    'tasks.openDecision': '查看决策 {number}',
    'due.label': '办理期限',
    'due.none': '无期限',
    'due.provisional': '暂定',
    'due.provisionalHint': '期限跨入尚未公布节假日安排的年份，载入年度日历后将重新计算（R32）',
    'due.rule': '依据',
    'due.ruleHint': '设定该期限的规则或配置项',
    'due.configured': '办理期限配置',
    'due.config': '配置',
    'due.working_days': '{n} 个工作日',
    'due.calendar_days': '{n} 日（自然日）',
    'due.paused': '已暂停计时',
    'due.pausedHint': '计时已停止（如退回补充材料），重新提交后恢复',
    'badge.overdue': '逾期',
    'badge.confidential': '不予公开',
    'decisions.title': '决策事项',
    'decisions.count': '共 {n} 项',
    'decisions.none': '没有符合条件的决策事项。',
    'filter.stage': '阶段',
    'filter.status': '状态',
    'filter.search': '搜索',
    'filter.searchPlaceholder': '标题或编号',
    'filter.apply': '查询',
    'filter.reset': '重置',
    'filter.all': '全部',
    'col.number': '编号',
    'col.title': '决策事项名称',
    'col.lead': '牵头承办单位',
    'col.stage': '当前阶段',
    'col.status': '状态',
    'col.nextDue': '最近期限',
    'paging.label': '分页',
    'paging.prev': '上一页',
    'paging.next': '下一页',
    'paging.info': '第 {page} / {pages} 页',
    'loading': '正在加载…',
    'back.list': '返回决策列表',
    'decision.lead': '牵头承办单位',
    'decision.matterType': '事项类型',
    'decision.createdAt': '启动时间',
    'decision.plannedQuarter': '计划提请会议',
    'decision.catalog': '目录清单',
    'decision.inCatalog': '列入年度目录：{entry}',
    'decision.outsideCatalog': '目录外事项：{reason}',
    'decision.summary': '决策事项概述',
    'decision.legalBasis': '法律依据',
    'decision.temporal': '在 Temporal 中查看',
    'decision.temporalHint': '在新窗口打开流程引擎界面（工作流 {id}）',
    'stages.title': '程序阶段',
    'stages.caption': '决策程序的 10 个阶段及其当前状态',
    'stages.legend': '图例',
    'stage.done': '已完成',
    'stage.current': '进行中',
    'stage.waiting': '未开始',
    'stage.skipped': '已跳过',
    'stage.not_applicable': '不适用',
    'stage.overdue': '逾期',
    'stage.reason': '理由',
    'stage.since': '开始于 {at}',
    'stage.ended': '完成于 {at}',
    'open.title': '当前待办',
    'open.none': '当前没有待办任务。',
    'open.task': '任务',
    'open.role': '办理角色',
    'open.due': '办理期限',
    'docs.title': '文件',
    'docs.none': '尚未上传文件。',
    'docs.file': '文件名',
    'docs.kind': '类别',
    'docs.version': '版本',
    'docs.size': '大小',
    'docs.uploaded': '上传时间',
    'docs.download': '下载',
    'docs.downloadLabel': '下载 {name}',
    'docs.downloading': '正在下载…',
    'docs.sha': 'SHA-256 校验值',
    'timeline.title': '办理记录',
    'timeline.none': '暂无记录。',
    'timeline.time': '时间',
    'timeline.actor': '办理人',
    'timeline.action': '事项',
    'footer.time': '所有时间均为北京时间（UTC+8）。',
    'footer.api': '接口文档',
    'error.network': '无法连接服务器，请检查网络后重试。',
    'error.unknown': '操作失败，请稍后再试。',
    'error.rule': '规则 {rule}',
    'error.retry': '重试',
    'error.dismiss': '关闭',
    'notfound.title': '页面不存在',
    'notfound.body': '请从决策列表重新进入。',
  },
  en: {
    'app.name': 'Yifa',
    'app.subtitle': 'Major Administrative Decision Procedure',
    'app.skip': 'Skip to main content',
    'colon': ': ',
    'locale.label': 'Language',
    'signin.title': 'Sign in',
    'signin.lead': 'Sign in with the account issued to your unit.',
    'signin.username': 'Username',
    'signin.password': 'Password',
    'signin.submit': 'Sign in',
    'signin.busy': 'Signing in…',
    'signin.demo': 'Demo account: drafter.jtysj / yifa-demo',
    'signin.required.username': 'Enter your username',
    'signin.required.password': 'Enter your password',
    'signin.expired': 'Your session has ended; please sign in again.',
    'signin.signedOut': 'You have signed out.',
    'header.signout': 'Sign out',
    'header.user': 'Signed in as',
    'tasks.title': 'My tasks',
    'tasks.total': '{n} open',
    'tasks.overdue': '{n} overdue',
    'tasks.none': 'No open tasks.',
    'tasks.openDecision': 'Open decision {number}',
    'due.label': 'Due',
    'due.none': 'No deadline',
    'due.provisional': 'Provisional',
    'due.provisionalHint': 'The deadline reaches into a year whose holiday notice is not loaded yet; it is recomputed when the calendar is loaded (R32)',
    'due.rule': 'Set by',
    'due.ruleHint': 'The rule or configuration key that set this deadline',
    'due.configured': 'configured period',
    'due.config': 'config',
    'due.working_days': '{n} working days',
    'due.calendar_days': '{n} calendar days',
    'due.paused': 'Clock stopped',
    'due.pausedHint': 'The clock is stopped (e.g. returned for supplement) until resubmission',
    'badge.overdue': 'Overdue',
    'badge.confidential': 'Not disclosed',
    'decisions.title': 'Decisions',
    'decisions.count': '{n} in total',
    'decisions.none': 'No decisions match.',
    'filter.stage': 'Stage',
    'filter.status': 'Status',
    'filter.search': 'Search',
    'filter.searchPlaceholder': 'Title or number',
    'filter.apply': 'Search',
    'filter.reset': 'Reset',
    'filter.all': 'All',
    'col.number': 'Number',
    'col.title': 'Title',
    'col.lead': 'Lead department',
    'col.stage': 'Stage',
    'col.status': 'Status',
    'col.nextDue': 'Next due',
    'paging.label': 'Pages',
    'paging.prev': 'Previous',
    'paging.next': 'Next',
    'paging.info': 'Page {page} of {pages}',
    'loading': 'Loading…',
    'back.list': 'Back to decisions',
    'decision.lead': 'Lead department',
    'decision.matterType': 'Matter type',
    'decision.createdAt': 'Launched',
    'decision.plannedQuarter': 'Planned meeting',
    'decision.catalog': 'Catalog',
    'decision.inCatalog': 'In the annual catalog: {entry}',
    'decision.outsideCatalog': 'Outside the catalog: {reason}',
    'decision.summary': 'Summary',
    'decision.legalBasis': 'Legal basis',
    'decision.temporal': 'View in Temporal',
    'decision.temporalHint': 'Opens the workflow engine UI in a new window (workflow {id})',
    'stages.title': 'Procedure stages',
    'stages.caption': 'The 10 stages of the procedure and their state',
    'stages.legend': 'Legend',
    'stage.done': 'Done',
    'stage.current': 'In progress',
    'stage.waiting': 'Waiting',
    'stage.skipped': 'Skipped',
    'stage.not_applicable': 'Not applicable',
    'stage.overdue': 'Overdue',
    'stage.reason': 'Reason',
    'stage.since': 'Started {at}',
    'stage.ended': 'Ended {at}',
    'open.title': 'Open tasks',
    'open.none': 'No open tasks.',
    'open.task': 'Task',
    'open.role': 'Role',
    'open.due': 'Due',
    'docs.title': 'Documents',
    'docs.none': 'No documents uploaded yet.',
    'docs.file': 'File',
    'docs.kind': 'Kind',
    'docs.version': 'Version',
    'docs.size': 'Size',
    'docs.uploaded': 'Uploaded',
    'docs.download': 'Download',
    'docs.downloadLabel': 'Download {name}',
    'docs.downloading': 'Downloading…',
    'docs.sha': 'SHA-256',
    'timeline.title': 'Timeline',
    'timeline.none': 'Nothing recorded yet.',
    'timeline.time': 'Time',
    'timeline.actor': 'By',
    'timeline.action': 'Event',
    'footer.time': 'All times are Beijing time (UTC+8).',
    'footer.api': 'API reference',
    'error.network': 'Cannot reach the server; check the network and try again.',
    'error.unknown': 'Something went wrong; please try again later.',
    'error.rule': 'Rule {rule}',
    'error.retry': 'Retry',
    'error.dismiss': 'Dismiss',
    'notfound.title': 'Page not found',
    'notfound.body': 'Go back to the list of decisions.',
  },
};

/** Labels of codes the API sends as-is, from the server's one list (domain/labels.ts via /api/labels). */
const LABELS = {};
export const STAGES = [];
export const STATUSES = [];

/** Loads the code labels once, before the first render. */
export async function loadLabels() {
  if (STAGES.length) return;
  const res = await fetch('/api/labels');
  if (!res.ok) throw new Error(`labels: ${res.status}`);
  Object.assign(LABELS, await res.json());
  STAGES.push(...Object.keys(LABELS.stage));
  STATUSES.push(...Object.keys(LABELS.status));
}

function initialLocale() {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    /* storage unavailable: use the default */
  }
  return 'zh';
}

let locale = initialLocale();

export const getLocale = () => locale;

export function setLocale(next) {
  locale = next === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    /* not persisted; still switched for this page */
  }
  applyDocumentLocale();
}

export function applyDocumentLocale() {
  document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
}

/** A UI string with {placeholders} filled in. */
export function t(key, vars = {}) {
  const s = MESSAGES[locale][key] ?? MESSAGES.zh[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

/** The locale's text of a {zh, en} pair the API sends. */
export const pick = (pair) => (pair ? (pair[locale] ?? pair.zh ?? '') : '');

/** The label of a code (role, status, stage, matterType, documentKind); unknown codes show as-is. */
export function label(kind, code) {
  const pair = LABELS[kind]?.[code];
  return pair ? pair[locale] : String(code ?? '');
}

const dateTimeParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026-12-24 18:00" in Beijing time, whatever the browser's own zone. */
export function formatDateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = Object.fromEntries(dateTimeParts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export const formatDate = (iso) => formatDateTime(iso).slice(0, 10);

/** "20 working_days" → "20 个工作日" / "20 working days". */
export function formatBasis(basis) {
  const m = /^(\d+)\s+(working_days|calendar_days)$/.exec(basis ?? '');
  return m ? t(`due.${m[2]}`, { n: m[1] }) : (basis ?? '');
}

export function formatSize(bytes) {
  if (!Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
