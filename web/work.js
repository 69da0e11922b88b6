// The work pages that grew with the meetings, supervision and legal-center APIs: the secretaries' pending items
// and agenda builder, the supervising office's overdue board / letter register / ledger, the legal center's queue
// and pool, the notices bell, and the implementation / evaluation / dossier panel of a decision.

import { api, ApiError, newIdempotencyKey } from './api.js';
import { h, mount, panel } from './dom.js';
import { schemaForm } from './forms.js';
import { choiceLabel, fieldLabel } from './fields.js';
import { STAGES, addMessages, beijingToday, formatDate, formatDateTime, getLocale, label, pick, ruleTitle, t } from './i18n.js';
import { reviewDocumentsPanel, reviewRevisionsPanel, reviewTaskHash } from './reviews.js';

/** Helpers of app.js (errors, dues, navigation), handed over once at start. */
let env;
export function initWork(helpers) {
  env = helpers;
}

addMessages(
  {
    'nav.label': '工作台',
    'task.reviewHint': '辅助审查提示和审查意见书预览见审查详情。',
    'task.reviewOpen': '审查详情',
    'task.useMeetings': '此事项通过会议议题页面办理：选择会议并列入议题。',
    'task.goMeetings': '前往会议议题',
    'nav.meetings': '会议议题',
    'nav.supervision': '督查督办',
    'nav.legal': '法务中心',
    'nav.notices': '通知',
    'notices.title': '我的通知',
    'notices.none': '暂无通知',
    'notices.unread': '{n} 条未读',
    'notices.markRead': '标为已读',
    'notices.open': '查看决策',
    'meetings.title': '会议与议题',
    'meetings.lead': '待上会事项、会议议题编排、会议结果记录；决策公布在“公布决策”任务中办理。',
    'meetings.pending': '待办事项',
    'meetings.ready': '待列入议题（已满足上会条件）',
    'meetings.awaitingOutcome': '已上会待记录结果',
    'meetings.awaitingPublication': '待公布',
    'meetings.overdue': '已逾期',
    'meetings.list': '会议',
    'meetings.none': '暂无会议',
    'meetings.noneItems': '无',
    'meetings.create': '新建会议',
    'meetings.createSubmit': '创建会议',
    'meetings.created': '会议 {number} 已创建',
    'meeting.withdrawnItem': '决策已撤回，不再审议',
    'meeting.phase.preparing': '筹备中',
    'meeting.phase.in_progress': '进行中',
    'meeting.phase.closed': '已结束',
    'meeting.closeConfirm': '结束会议后，议题和讨论结果不能再修改，会议纪要随即定稿。确认结束会议？',
    'meeting.closeConfirmSubmit': '确认结束会议',
    'meeting.items': '议题 {n} 项',
    'meeting.back': '返回会议列表',
    'meeting.quorum': '到会组成人员 {present} / {members}',
    'meeting.quorumOk': '已过半数（R24）',
    'meeting.quorumNo': '未过半数，不得作出决定（R24）',
    'meeting.attendees': '出席人员',
    'meeting.attendeesSave': '保存出席情况',
    'meeting.attendeesSaved': '出席情况已保存',
    'meeting.member': '组成人员',
    'meeting.adviser': '法律顾问',
    'meeting.present': '出席',
    'meeting.absent': '缺席',
    'meeting.agenda': '议题',
    'meeting.agendaNone': '尚未列入议题',
    'meeting.add': '列入议题',
    'meeting.addLabel': '选择决策事项',
    'meeting.addReady': '已满足上会条件',
    'meeting.addNotReady': '尚未满足上会条件',
    'meeting.added': '已列入议题：{number}',
    'meeting.up': '上移',
    'meeting.down': '下移',
    'meeting.orderSaved': '议题顺序已保存',
    'meeting.materials': '下载上会材料',
    'meeting.agendaDocx': '下载议题单',
    'meeting.minutesDocx': '下载会议纪要',
    'meeting.outcome': '记录讨论结果',
    'meeting.outcomeSubmit': '保存讨论结果',
    'meeting.outcomeSaved': '议题 {number} 的讨论结果已记录',
    'meeting.decided': '已决定：{decision}',
    'meeting.undecided': '待讨论',
    'meeting.close': '结束会议',
    'meeting.changesKind': '修改性质',
    'meeting.closed': '会议已结束，可下载会议纪要',
    'meeting.presenting': '汇报单位',
    'meeting.opinionNo': '审查意见书',
    'meeting.figures': '{year} 年：召开会议 {meetings} 次，法律顾问列席 {attended} 次',
    'sup.title': '督查督办',
    'sup.lead': '逾期事项、提示函与督办函登记、延期审批和考核台账（R34–R40）。',
    'sup.overdue': '逾期事项',
    'sup.department': '承办单位',
    'sup.stage': '阶段',
    'sup.minDays': '逾期至少（工作日）',
    'sup.minDaysInvalid': '请填写0至365之间的整数',
    'sup.all': '全部',
    'sup.days': '{n} 个工作日',
    'sup.letters': '函件登记',
    'sup.lettersCount': '提示函 {r} 件 · 督办函 {s} 件',
    'sup.letterNone': '暂无函件',
    'sup.pair': '双通知',
    'sup.pair.complete': '均已送达',
    'sup.pair.partial': '部分送达',
    'sup.pair.pending': '待送达',
    'sup.pair.failed': '送达失败',
    'sup.extend': '延期…',
    'sup.extendTitle': '批准延期：{task}',
    'sup.extendSubmit': '批准延期',
    'sup.extended': '已延期，新的期限：{due}',
    'sup.ledger': '考核台账',
    'sup.year': '年度',
    'sup.csv': '导出 CSV',
    'sup.ledgerNone': '本年度暂无记录',
    'sup.received': '收函',
    'sup.overdueNone': '目前没有逾期事项',
    'sup.lettersCol': '已发函',
    'sup.issued': '发出时间',
    'sup.letterNo': '文号',
    'legal.title': '法务中心',
    'legal.mine': '我的审查',
    'legal.center': '审查队列',
    'legal.workload': '审查员工作量',
    'legal.none': '暂无审查事项',
    'legal.subject': '编号',
    'legal.status': '状态',
    'legal.reviewer': '审查员',
    'legal.open': '在办',
    'legal.overdue': '逾期',
    'legal.done': '本年办结',
    'legal.median': '办理中位数（天）',
    'legal.leave': '请假…',
    'legal.leaveSubmit': '登记请假',
    'legal.leaveSaved': '已登记请假',
    'legal.onLeave': '请假：{from} 至 {to}',
    'legal.inactive': '停用',
    'legal.reassign': '改派…',
    'legal.reassignSubmit': '确认改派',
    'legal.reassigned': '已改派',
    'legal.decline': '申请回避 / 退回…',
    'legal.declineSubmit': '确认退回',
    'legal.declined': '已退回，审查员库将另行分配',
    'legal.flags': '辅助审查提示',
    'legal.flagsNone': '没有辅助审查提示',
    'legal.confirm': '确认',
    'legal.dismiss': '不采纳…',
    'legal.dismissSubmit': '确认不采纳',
    'legal.flag.open': '待处理',
    'legal.flag.undecided': '未处理',
    'review.issuedAt': '出具时间',
    'legal.flag.confirmed': '已确认',
    'legal.flag.dismissed': '不采纳',
    'legal.preview': '审查意见书预览',
    'legal.previewOpen': '待处理提示 {n} 条',
    'legal.opinion': '下载审查意见书',
    'legal.tasks': '审查任务',
    'legal.act': '办理',
    'legal.review': '审查详情',
    'legal.back': '返回法务中心',
    'legal.decision': '所属决策',
    'legal.due': '期限',
    'pool.title': '审查员库',
    'pool.lead': '在岗状态、原工作单位和申报的利益冲突决定分配（R20）；请假在上方工作量表中登记。每项调整均记入审计。',
    'pool.count': '在岗 {n} / {all} 人',
    'pool.state': '状态',
    'pool.active': '在岗',
    'law.title': '法规库',
    'law.lead': '辅助审查据此核对决策草案引用的法律依据。新增、修改或废止条目均记入审计。',
    'law.name': '名称（不含书名号）',
    'law.level': '效力层级',
    'law.issuedBy': '制定机关',
    'law.effectiveOn': '施行日期',
    'law.repealedOn': '废止日期',
    'law.replacedBy': '替代法规',
    'law.retireHelp': '废止的，填写废止日期和替代法规；现行有效的留空。',
    'law.state': '效力状态',
    'law.inForce': '现行有效',
    'law.repealed': '{on}废止，现行为{by}',
    'law.add': '新增条目…',
    'law.addSubmit': '保存条目',
    'law.edit': '修改或废止…',
    'law.editSubmit': '保存修改',
    'law.saved': '法规库已更新',
    'law.level.constitution': '宪法',
    'law.level.law': '法律',
    'law.level.administrative_regulation': '行政法规',
    'law.level.local_regulation': '地方性法规',
    'law.level.department_rule': '部门规章',
    'law.level.local_rule': '地方政府规章',
    'pool.onLeave': '请假中',
    'pool.former': '原工作单位',
    'pool.conflicts': '回避',
    'pool.edit': '调整…',
    'pool.editSubmit': '保存',
    'pool.saved': '已保存：{name}',
    'pool.conflict': '登记回避…',
    'pool.conflictSubmit': '登记回避',
    'pool.conflictHelp': '写明回避的单位或事项编号（至少一项）。',
    'pool.conflictSaved': '已登记回避：{name}',
    'pool.settings': '审查类别设置',
    'pool.settingsLead': '之后开启的审查按新设置办理（工作量权重、审查期限、复核、主任签发、意见书文号前缀）。',
    'pool.kind': '审查类别',
    'pool.settingEdit': '修改…',
    'pool.settingSubmit': '保存设置',
    'pool.settingSaved': '已保存“{kind}”的设置',
    'impl.title': '执行、评估与归档',
    'impl.none': '决策公布后在此显示执行情况、后评估和归档材料。',
    'impl.reports': '执行情况报告',
    'impl.evaluations': '后评估',
    'impl.unit': '执行单位',
    'impl.dossier': '归档案卷',
    'impl.dossierZip': '下载案卷（zip）',
    'impl.dossierIndex': '下载卷内目录',
    'impl.request': '提请后评估…',
    'impl.requestSubmit': '提请后评估',
    'impl.requested': '已提请后评估',
    'impl.trigger': '提请原因',
    'trigger.requested': '工作需要',
    'trigger.ineffective': '执行效果不明显',
    'trigger.public_objections': '公众意见较大',
  },
  {
    'nav.label': 'Workbench',
    'task.reviewHint': 'The assisted-review flags and the opinion preview are on the review page.',
    'task.reviewOpen': 'Review page',
    'task.useMeetings': 'This step is done on the meetings page: choose a meeting and place the decision on its agenda.',
    'task.goMeetings': 'Go to meetings',
    'nav.meetings': 'Meetings',
    'nav.supervision': 'Supervision',
    'nav.legal': 'Legal center',
    'nav.notices': 'Notices',
    'notices.title': 'My notices',
    'notices.none': 'No notices',
    'notices.unread': '{n} unread',
    'notices.markRead': 'Mark read',
    'notices.open': 'Open the decision',
    'meetings.title': 'Meetings and agendas',
    'meetings.lead': 'Pending items, agenda building and outcomes; publication is done in the “Publish the decision” task.',
    'meetings.pending': 'Pending items',
    'meetings.ready': 'Ready for an agenda (conditions met)',
    'meetings.awaitingOutcome': 'On an agenda, outcome to record',
    'meetings.awaitingPublication': 'Awaiting publication',
    'meetings.overdue': 'Overdue',
    'meetings.list': 'Meetings',
    'meetings.none': 'No meetings yet',
    'meetings.noneItems': 'None',
    'meetings.create': 'New meeting',
    'meetings.createSubmit': 'Create the meeting',
    'meetings.created': 'Meeting {number} created',
    'meeting.withdrawnItem': 'Decision withdrawn: not discussed',
    'meeting.phase.preparing': 'In preparation',
    'meeting.phase.in_progress': 'In progress',
    'meeting.phase.closed': 'Closed',
    'meeting.closeConfirm': 'Once closed, the agenda and outcomes can no longer change and the minutes are final. Close the meeting?',
    'meeting.closeConfirmSubmit': 'Yes, close the meeting',
    'meeting.items': '{n} items',
    'meeting.back': 'Back to meetings',
    'meeting.quorum': 'Members present {present} / {members}',
    'meeting.quorumOk': 'Quorum reached (R24)',
    'meeting.quorumNo': 'No quorum: no decision may be taken (R24)',
    'meeting.attendees': 'Attendees',
    'meeting.attendeesSave': 'Save the attendance',
    'meeting.attendeesSaved': 'Attendance saved',
    'meeting.member': 'Member',
    'meeting.adviser': 'Legal adviser',
    'meeting.present': 'Present',
    'meeting.absent': 'Absent',
    'meeting.agenda': 'Agenda',
    'meeting.agendaNone': 'No items yet',
    'meeting.add': 'Place on the agenda',
    'meeting.addLabel': 'Decision',
    'meeting.addReady': 'Ready',
    'meeting.addNotReady': 'Not ready yet',
    'meeting.added': 'Placed on the agenda: {number}',
    'meeting.up': 'Move up',
    'meeting.down': 'Move down',
    'meeting.orderSaved': 'Order saved',
    'meeting.materials': 'Download the materials',
    'meeting.agendaDocx': 'Download the agenda',
    'meeting.minutesDocx': 'Download the minutes',
    'meeting.outcome': 'Record the outcome',
    'meeting.outcomeSubmit': 'Save the outcome',
    'meeting.outcomeSaved': 'Outcome of {number} recorded',
    'meeting.decided': 'Decided: {decision}',
    'meeting.undecided': 'To discuss',
    'meeting.close': 'Close the meeting',
    'meeting.changesKind': 'Nature of the changes',
    'meeting.closed': 'Meeting closed; the minutes are ready',
    'meeting.presenting': 'Presenting',
    'meeting.opinionNo': 'Review opinion',
    'meeting.figures': '{year}: {meetings} meetings held, legal adviser present at {attended}',
    'sup.title': 'Supervision',
    'sup.lead': 'Overdue items, the letter register, extensions and the assessment ledger (R34–R40).',
    'sup.overdue': 'Overdue items',
    'sup.department': 'Department',
    'sup.stage': 'Stage',
    'sup.minDays': 'At least (working days)',
    'sup.minDaysInvalid': 'Enter a whole number from 0 to 365',
    'sup.all': 'All',
    'sup.days': '{n} working days',
    'sup.letters': 'Letter register',
    'sup.lettersCount': '{r} reminder letters · {s} supervision letters',
    'sup.letterNone': 'No letters',
    'sup.pair': 'Double notification',
    'sup.pair.complete': 'Both delivered',
    'sup.pair.partial': 'Partly delivered',
    'sup.pair.pending': 'Pending',
    'sup.pair.failed': 'Failed',
    'sup.extend': 'Extend…',
    'sup.extendTitle': 'Grant an extension: {task}',
    'sup.extendSubmit': 'Grant the extension',
    'sup.extended': 'Extended; new due time: {due}',
    'sup.ledger': 'Assessment ledger',
    'sup.year': 'Year',
    'sup.csv': 'Export CSV',
    'sup.ledgerNone': 'Nothing recorded this year',
    'sup.received': 'Letters',
    'sup.overdueNone': 'Nothing is overdue',
    'sup.lettersCol': 'Letters sent',
    'sup.issued': 'Issued',
    'sup.letterNo': 'Number',
    'legal.title': 'Legal center',
    'legal.mine': 'My reviews',
    'legal.center': 'Review queue',
    'legal.workload': 'Reviewer workload',
    'legal.none': 'No reviews',
    'legal.subject': 'Number',
    'legal.status': 'Status',
    'legal.reviewer': 'Reviewer',
    'legal.open': 'Open',
    'legal.overdue': 'Overdue',
    'legal.done': 'Done this year',
    'legal.median': 'Median days',
    'legal.leave': 'Leave…',
    'legal.leaveSubmit': 'Record the leave',
    'legal.leaveSaved': 'Leave recorded',
    'legal.onLeave': 'Leave: {from} to {to}',
    'legal.inactive': 'Inactive',
    'legal.reassign': 'Reassign…',
    'legal.reassignSubmit': 'Reassign',
    'legal.reassigned': 'Reassigned',
    'legal.decline': 'Decline…',
    'legal.declineSubmit': 'Decline',
    'legal.declined': 'Declined; the pool assigns another reviewer',
    'legal.flags': 'Assisted-review flags',
    'legal.flagsNone': 'No flags',
    'legal.confirm': 'Confirm',
    'legal.dismiss': 'Dismiss…',
    'legal.dismissSubmit': 'Dismiss',
    'legal.flag.open': 'Open',
    'legal.flag.undecided': 'Not decided',
    'review.issuedAt': 'Issued',
    'legal.flag.confirmed': 'Confirmed',
    'legal.flag.dismissed': 'Dismissed',
    'legal.preview': 'Opinion preview',
    'legal.previewOpen': '{n} flags still open',
    'legal.opinion': 'Download the opinion',
    'legal.tasks': 'Review tasks',
    'legal.act': 'Act',
    'legal.review': 'Review',
    'legal.back': 'Back to the legal center',
    'legal.decision': 'Decision',
    'legal.due': 'Due',
    'pool.title': 'Reviewer pool',
    'pool.lead': 'Active flag, former department and declared conflicts decide assignment (R20); leave is recorded in the workload table above. Every change is audited.',
    'pool.count': '{n} of {all} active',
    'pool.state': 'State',
    'pool.active': 'Active',
    'law.title': 'Law library',
    'law.lead': 'The assisted review checks a draft’s cited legal bases against it. Every addition, correction or retirement is audited.',
    'law.name': 'Title (without 《》)',
    'law.level': 'Level',
    'law.issuedBy': 'Issued by',
    'law.effectiveOn': 'In force from',
    'law.repealedOn': 'Repealed on',
    'law.replacedBy': 'Replaced by',
    'law.retireHelp': 'To retire an entry, give its repeal date and replacement; leave empty while in force.',
    'law.state': 'Status',
    'law.inForce': 'In force',
    'law.repealed': 'Repealed {on}; now {by}',
    'law.add': 'Add an entry…',
    'law.addSubmit': 'Save the entry',
    'law.edit': 'Correct or retire…',
    'law.editSubmit': 'Save',
    'law.saved': 'Law library updated',
    'law.level.constitution': 'Constitution',
    'law.level.law': 'Law',
    'law.level.administrative_regulation': 'Administrative regulation',
    'law.level.local_regulation': 'Local regulation',
    'law.level.department_rule': 'Departmental rule',
    'law.level.local_rule': 'Local government rule',
    'pool.onLeave': 'On leave',
    'pool.former': 'Former department',
    'pool.conflicts': 'Conflicts',
    'pool.edit': 'Edit…',
    'pool.editSubmit': 'Save',
    'pool.saved': 'Saved: {name}',
    'pool.conflict': 'Record a conflict…',
    'pool.conflictSubmit': 'Record the conflict',
    'pool.conflictHelp': 'Name the department or the subject number (at least one).',
    'pool.conflictSaved': 'Conflict recorded: {name}',
    'pool.settings': 'Settings per kind of review',
    'pool.settingsLead': 'Reviews opened afterwards use them (weight, review time, second check, sign-off, opinion number prefix).',
    'pool.kind': 'Kind',
    'pool.settingEdit': 'Edit…',
    'pool.settingSubmit': 'Save the settings',
    'pool.settingSaved': 'Settings of “{kind}” saved',
    'impl.title': 'Implementation, evaluation and archive',
    'impl.none': 'After publication: implementation reports, evaluations and the archive dossier.',
    'impl.reports': 'Implementation reports',
    'impl.evaluations': 'Evaluations',
    'impl.unit': 'Implementing unit',
    'impl.dossier': 'Dossier',
    'impl.dossierZip': 'Download the dossier (zip)',
    'impl.dossierIndex': 'Download the index',
    'impl.request': 'Request an evaluation…',
    'impl.requestSubmit': 'Request the evaluation',
    'impl.requested': 'Evaluation requested',
    'impl.trigger': 'Why',
    'trigger.requested': 'Requested',
    'trigger.ineffective': 'Not effective',
    'trigger.public_objections': 'Public objections',
  },
);

// ---------------------------------------------------------------- small shared pieces

const hasRole = (...roles) => env.hasRole(...roles);
const deptName = (id) => {
  const d = (env.state.departments ?? []).find((x) => x.id === id);
  return d ? (getLocale() === 'en' ? d.nameEn : d.nameZh) : (id ?? '');
};
const flash = (msg) => h('p', { class: 'flash', role: 'status' }, msg);
const table = (caption, cols, rows, cls = '') =>
  h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: ['table', cls] },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows),
    ),
  );
const td = (labelText, ...content) => h('td', { 'data-label': labelText }, ...content);
const decisionLink = (id, number, title) => [h('span', { class: 'num' }, number ?? ''), ' ', id ? h('a', { href: env.decisionHash(id) }, title ?? '') : h('span', {}, title ?? '')];
/** What a supervision row is about: a decision, or a normative document's or contract's review (its own page). */
function subjectLink(x) {
  const s = x.subject;
  if (s?.type === 'review') return [h('span', { class: 'num' }, s.number), ' ', h('a', { href: `#/reviews/${encodeURIComponent(s.id)}` }, s.title), h('span', { class: 'open-role' }, ` · ${pick(s.kindLabel)}`)];
  return decisionLink(x.decisionId ?? s?.id, x.decisionNo ?? s?.number, x.decisionTitle ?? s?.title);
}

/** A download of an API file (bearer header, so fetched as a Blob and saved under the server's file name). */
export function downloadButton(text, url, fallbackName) {
  const status = h('span', { class: 'doc-error', role: 'alert' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--small',
      onclick: async () => {
        button.disabled = true;
        status.textContent = '';
        try {
          const { blob, fileName } = await api.blob(url);
          const href = URL.createObjectURL(blob);
          const a = h('a', { href, download: fileName ?? fallbackName, hidden: true });
          document.body.append(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(href), 60_000);
        } catch (err) {
          if (!(err instanceof ApiError && err.status === 401)) status.textContent = env.errorMessage(err);
        } finally {
          button.disabled = false;
        }
      },
    },
    text,
  );
  return h('span', { class: 'download' }, button, status);
}

/** A small form under a disclosure button: a schema form, its submit, and the API's answer beside it. */
function disclosureForm({ open: openText, submit: submitText, schema, scope, initial = {}, hints = {}, send, done, cls = '', optionLabels = {} }) {
  const body = h('div', { class: 'disclosure-body' });
  const opener = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--small',
      'aria-expanded': 'false',
      onclick: () => {
        const expanded = opener.getAttribute('aria-expanded') === 'true';
        opener.setAttribute('aria-expanded', String(!expanded));
        if (expanded) return mount(body);
        const form = schemaForm({ schema, scope, initial, hints, sources: { departments: env.state.departments ?? [] } });
        // Choices whose codes are ids (reviewers, triggers) show their names.
        for (const [field, name] of Object.entries(optionLabels)) for (const o of form.el.querySelectorAll(`select[name="${field}"] option`)) if (o.value) o.textContent = name(o.value);
        const alertEl = h('div', { class: 'form-alert', role: 'alert' });
        const button = h('button', { type: 'submit', class: 'btn btn--primary btn--small' }, submitText);
        const onSubmit = async (ev) => {
          ev.preventDefault();
          form.clearErrors();
          mount(alertEl);
          const { value, errors } = form.value();
          if (errors.length) return env.showFormProblems(form, alertEl, errors);
          button.disabled = true;
          try {
            const res = await send(value);
            mount(body);
            opener.setAttribute('aria-expanded', 'false');
            done(res);
          } catch (err) {
            button.disabled = false;
            env.showFormProblems(form, alertEl, err, '');
          }
        };
        mount(body, h('form', { class: ['task-form', 'task-form--inline', cls], novalidate: true, onsubmit: onSubmit }, form.el, alertEl, h('div', { class: 'form-actions' }, button)));
        body.querySelector('input, select, textarea')?.focus();
      },
    },
    openText,
  );
  return h('div', { class: 'disclosure' }, opener, body);
}

const text = (max) => ({ type: 'string', minLength: 1, maxLength: max });

// ---------------------------------------------------------------- notices bell (every user)

let closeBell = () => {};
document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape') closeBell();
});

export function noticesBell() {
  const count = h('span', { class: 'bell-count', hidden: true });
  const list = h('div', { class: 'bell-panel', hidden: true, role: 'region', 'aria-label': t('notices.title') });
  const button = h(
    'button',
    { type: 'button', class: 'btn btn--ghost bell', 'aria-expanded': 'false', 'aria-label': t('nav.notices'), onclick: () => toggle() },
    h('span', { class: 'bell-icon', 'aria-hidden': 'true' }),
    h('span', { class: 'bell-text' }, t('nav.notices')),
    count,
  );
  let data = { unread: 0, items: [] };
  const paint = () => {
    count.textContent = String(data.unread);
    count.hidden = !data.unread;
    button.setAttribute('aria-label', `${t('nav.notices')}${data.unread ? ` · ${t('notices.unread', { n: data.unread })}` : ''}`);
    mount(
      list,
      h('h2', { class: 'bell-title' }, t('notices.title'), data.unread ? h('span', { class: 'panel-meta' }, ` · ${t('notices.unread', { n: data.unread })}`) : null),
      data.items.length
        ? h(
            'ul',
            { class: 'notice-list' },
            data.items.slice(0, 30).map((n) =>
              h(
                'li',
                { class: ['notice-item', !n.readAt && 'is-unread'] },
                h('strong', {}, pick(n.title)),
                h('p', {}, pick(n.body)),
                h('time', { datetime: n.createdAt }, formatDateTime(n.createdAt)),
                h(
                  'div',
                  { class: 'notice-actions' },
                  n.decisionId ? h('a', { href: env.decisionHash(n.decisionId), onclick: () => read(n) }, t('notices.open')) : null,
                  !n.readAt ? h('button', { type: 'button', class: 'btn btn--small', onclick: () => read(n) }, t('notices.markRead')) : null,
                ),
              ),
            ),
          )
        : h('p', { class: 'empty' }, t('notices.none')),
    );
  };
  const load = async () => {
    try {
      data = await api.notices();
      paint();
    } catch {
      /* the bell stays quiet when notices cannot be read */
    }
  };
  const read = async (n) => {
    if (n.readAt) return;
    try {
      await api.readNotice(n.id);
      n.readAt = new Date().toISOString();
      data.unread = Math.max(0, data.unread - 1);
      paint();
    } catch {
      /* left unread */
    }
  };
  const toggle = () => {
    const open = list.hidden;
    list.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) load();
  };
  // One Escape handler for the bell on screen (the shell is rebuilt on a locale switch).
  closeBell = () => {
    if (list.hidden || !list.isConnected) return;
    toggle();
    button.focus();
  };
  paint();
  load();
  return h('div', { class: 'bell-wrap' }, button, list);
}

// ---------------------------------------------------------------- secretaries: pending items and meetings

const MEETING_SCHEMA = {
  type: 'object',
  required: ['kind', 'date', 'time', 'place', 'attendees'],
  properties: {
    kind: { type: 'string', enum: ['executive', 'plenary'] },
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    time: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', examples: ['09:30'] },
    place: text(200),
    attendees: {
      type: 'array',
      minItems: 1,
      maxItems: 80,
      items: {
        type: 'object',
        required: ['name', 'title'],
        properties: { name: text(100), title: text(100), member: { type: 'boolean', default: true }, legalAdviser: { type: 'boolean', default: false }, present: { type: 'boolean', default: true } },
      },
    },
  },
};

const OUTCOME_SCHEMA = {
  type: 'object',
  required: ['presentation', 'memberOpinions', 'chiefName', 'chiefDecision'],
  properties: {
    presentation: text(5000),
    memberOpinions: {
      type: 'array',
      minItems: 1,
      maxItems: 60,
      items: {
        type: 'object',
        required: ['member', 'position', 'opinion'],
        properties: { member: text(100), position: { type: 'string', enum: ['approve', 'approve_with_changes', 'not_approve', 'defer', 'return_for_more_work', 'abstain'] }, opinion: text(5000) },
      },
    },
    chiefName: text(100),
    chiefDecision: { type: 'string', enum: ['approved', 'approved_with_changes', 'not_approved', 'deferred', 'discuss_again', 'returned_for_more_work'] },
    departureReason: text(5000),
    changes: { type: 'object', required: ['kind', 'description'], properties: { kind: { type: 'string', enum: ['substantive', 'editorial'] }, description: text(5000) } },
    dissent: text(5000),
  },
};

const meetingKind = (k) => choiceLabel('meetingKind', k);
/** 筹备中 before the meeting starts, 进行中 from its start or first outcome, 已结束 once closed (the server's phase). */
const meetingStatus = (m) => t(`meeting.phase.${m.phase ?? (m.status === 'closed' ? 'closed' : 'preparing')}`);
/** How people name a meeting: 2026年第1次市政府常务会议 (the API's number stays out of sight). */
const meetingName = (m) => m.title ?? m.number;

export async function renderMeetings(main, seq, focus) {
  document.title = `${t('meetings.title')} · ${t('app.name')}`;
  window.scrollTo(0, 0);
  mount(main, env.loading());
  let pending;
  let meetings;
  try {
    await env.departments();
    [pending, meetings] = await Promise.all([api.pendingItems(), api.meetings()]);
  } catch (err) {
    if (!env.stale(seq)) mount(main, env.errorBox(err, () => renderMeetings(main, seq, focus)));
    return;
  }
  if (env.stale(seq)) return;
  const note = env.takeFlash();
  const list = (items, row) => (items.length ? h('ul', { class: 'pending-list' }, items.map(row)) : h('p', { class: 'empty' }, t('meetings.noneItems')));
  const taskRow = (x) =>
    h(
      'li',
      { class: ['pending-item', x.overdue && 'is-overdue'] },
      h('span', { class: 'pending-main' }, decisionLink(x.decisionId, x.decision?.number, x.decision?.title)),
      h('span', { class: 'pending-label' }, pick(x.label)),
      x.due ? env.dueView(x.due, { overdue: x.overdue, basis: false, labelled: false }) : null,
    );
  const itemRow = (x) =>
    h(
      'li',
      { class: ['pending-item', x.overdue && 'is-overdue'] },
      h('span', { class: 'pending-main' }, decisionLink(x.decisionId, x.decision?.number, x.decision?.title)),
      h('a', { href: `#/meetings/${encodeURIComponent(x.meeting.id)}` }, `${meetingName(x.meeting)} · ${formatDateTime(x.meeting.startsAt)}`),
    );
  const pendingPanel = panel(
    { id: 'pending-title', title: t('meetings.pending') },
    h(
      'div',
      { class: 'pending-grid' },
      h('div', { class: 'pending-col' }, h('h3', {}, t('meetings.ready'), ` (${pending.readyForAgenda.length})`), list(pending.readyForAgenda, taskRow)),
      h('div', { class: 'pending-col' }, h('h3', {}, t('meetings.awaitingOutcome'), ` (${pending.awaitingOutcome.length})`), list(pending.awaitingOutcome, itemRow)),
      h('div', { class: 'pending-col' }, h('h3', {}, t('meetings.awaitingPublication'), ` (${pending.awaitingPublication.length})`), list(pending.awaitingPublication, taskRow)),
      h('div', { class: 'pending-col' }, h('h3', { class: pending.overdue.length ? 'is-overdue-text' : '' }, t('meetings.overdue'), ` (${pending.overdue.length})`), list(pending.overdue, taskRow)),
    ),
  );
  const meetingsPanel = panel(
    { id: 'meetings-list-title', title: t('meetings.list') },
    meetings.items.length
      ? table(
          t('meetings.list'),
          [t('col.number'), fieldLabel('kind', 'meeting'), fieldLabel('time', 'meeting'), fieldLabel('place', 'meeting'), t('legal.status'), t('meeting.agenda')],
          meetings.items.map((m) =>
            h(
              'tr',
              {},
              td(t('col.number'), h('a', { href: `#/meetings/${encodeURIComponent(m.id)}` }, meetingName(m))),
              td(fieldLabel('kind', 'meeting'), meetingKind(m.kind)),
              td(fieldLabel('time', 'meeting'), formatDateTime(m.startsAt)),
              td(fieldLabel('place', 'meeting'), m.place),
              td(t('legal.status'), meetingStatus(m)),
              td(t('meeting.agenda'), t('meeting.items', { n: m.items })),
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('meetings.none')),
  );
  let createPanel = null;
  if (hasRole('secretary')) {
    const form = schemaForm({ schema: MEETING_SCHEMA, scope: 'meeting', initial: { kind: 'executive', attendees: [{}] }, hints: {} });
    const alertEl = h('div', { class: 'form-alert', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t('meetings.createSubmit'));
    const onSubmit = async (ev) => {
      ev.preventDefault();
      form.clearErrors();
      mount(alertEl);
      const { value, errors } = form.value();
      if (errors.length) return env.showFormProblems(form, alertEl, errors);
      submit.disabled = true;
      try {
        const m = await api.createMeeting({ kind: value.kind, startsAt: `${value.date}T${value.time}:00+08:00`, place: value.place, attendees: value.attendees });
        env.setFlash(t('meetings.created', { number: meetingName(m) }));
        env.navigate(`#/meetings/${encodeURIComponent(m.id)}`);
      } catch (err) {
        submit.disabled = false;
        env.showFormProblems(form, alertEl, err, '');
      }
    };
    createPanel = panel(
      { id: 'create-meeting-title', title: t('meetings.create'), class: 'form-panel' },
      h('form', { class: 'task-form meeting-form', novalidate: true, onsubmit: onSubmit }, form.el, alertEl, h('div', { class: 'form-actions' }, submit)),
    );
  }
  const figures = h('p', { class: 'panel-meta' });
  const year = new Date().getFullYear();
  api.meetingFigures(year).then(
    (f) => mount(figures, t('meeting.figures', { year, meetings: Object.values(f.meetingsHeld ?? {}).reduce((a, b) => a + (Number(b) || 0), 0), attended: f.legalAdviserAttendance?.attended ?? 0 })),
    () => {},
  );
  mount(
    main,
    note ? flash(note) : null,
    h('section', { class: 'home-head' }, h('div', { class: 'home-head-text' }, h('h1', { id: 'meetings-title' }, t('meetings.title')), h('p', { class: 'home-hint' }, t('meetings.lead')), figures)),
    pendingPanel,
    meetingsPanel,
    createPanel,
  );
  if (focus) env.focusHeading(main);
}

export async function renderMeeting(main, id, seq, focus) {
  window.scrollTo(0, 0);
  const crumbs = h('p', { class: 'crumbs' }, h('a', { href: '#/meetings' }, `← ${t('meeting.back')}`));
  mount(main, crumbs, env.loading());
  let m;
  let pending;
  let candidates;
  try {
    await env.departments();
    [m, pending, candidates] = await Promise.all([api.meeting(id), api.pendingItems(), hasRole('secretary') ? api.decisions({ status: 'active', pageSize: 200 }) : { items: [] }]);
  } catch (err) {
    if (!env.stale(seq)) mount(main, crumbs, env.errorBox(err, () => renderMeeting(main, id, seq, focus)));
    return;
  }
  if (env.stale(seq)) return;
  document.title = `${meetingName(m)} · ${t('app.name')}`;
  const note = env.takeFlash();
  const rerender = (msg) => {
    if (msg) env.setFlash(msg);
    renderMeeting(main, id, seq, false);
  };
  const open = m.status === 'scheduled' && hasRole('secretary');
  const base = `/api/meetings/${encodeURIComponent(m.id)}`;

  const head = h(
    'section',
    { class: 'panel decision-head', 'aria-labelledby': 'meeting-title' },
    h('div', { class: 'decision-head-top' }, h('div', { class: 'decision-head-ids' }, h('span', { class: 'num num--large' }, meetingName(m)), h('span', { class: `status status--${m.status === 'closed' ? 'closed' : 'active'}` }, meetingStatus(m)))),
    h('h1', { id: 'meeting-title', class: 'decision-title' }, `${meetingKind(m.kind)} · ${formatDateTime(m.startsAt)}`),
    h(
      'dl',
      { class: 'meta' },
      h('div', { class: 'meta-item' }, h('dt', {}, fieldLabel('place', 'meeting')), h('dd', {}, m.place)),
      h('div', { class: 'meta-item' }, h('dt', {}, t('meeting.quorum', { present: m.quorum.present, members: m.quorum.members })), h('dd', { class: m.quorum.reached ? 'ok-text' : 'is-overdue-text' }, m.quorum.reached ? t('meeting.quorumOk') : t('meeting.quorumNo'))),
    ),
    m.warnings.length ? h('ul', { class: 'warnings', role: 'status' }, m.warnings.map((w) => h('li', { class: 'warning', title: ruleTitle(w.rule) }, pick(w.message)))) : null,
    h(
      'div',
      { class: 'form-actions' },
      downloadButton(t('meeting.agendaDocx'), `${base}/agenda.docx`, `${meetingName(m)}议题单.docx`),
      m.status === 'closed' ? downloadButton(t('meeting.minutesDocx'), `${base}/minutes.docx`, `${meetingName(m)}纪要.docx`) : null,
    ),
  );

  // Attendees: who is a member (quorum), who is the legal adviser, who is present.
  const attendeesPanel = panel(
    { id: 'attendees-title', title: t('meeting.attendees') },
    table(
      t('meeting.attendees'),
      [fieldLabel('name', 'meeting'), fieldLabel('title', 'meeting'), t('meeting.member'), t('meeting.adviser'), t('meeting.present')],
      m.attendees.map((a) =>
        h(
          'tr',
          { class: a.present ? '' : 'is-muted' },
          td(fieldLabel('name', 'meeting'), a.name),
          td(fieldLabel('title', 'meeting'), a.title),
          td(t('meeting.member'), a.member ? '✓' : '—'),
          td(t('meeting.adviser'), a.legalAdviser ? '✓' : '—'),
          td(t('meeting.present'), a.present ? t('meeting.present') : t('meeting.absent')),
        ),
      ),
    ),
    open
      ? disclosureForm({
          open: `${t('meeting.attendeesSave')}…`,
          submit: t('meeting.attendeesSave'),
          schema: { type: 'object', required: ['attendees'], properties: { attendees: MEETING_SCHEMA.properties.attendees } },
          scope: 'meeting',
          initial: { attendees: m.attendees.map(({ name, title, member, legalAdviser, present }) => ({ name, title, member, legalAdviser, present })) },
          cls: 'attendees-form',
          send: (v) => api.setAttendees(m.id, v.attendees),
          done: () => rerender(t('meeting.attendeesSaved')),
        })
      : null,
  );

  // The agenda: items in order, each with its materials and its outcome.
  const order = m.items.map((i) => i.id);
  const move = async (i, delta) => {
    const next = [...order];
    const [x] = next.splice(i, 1);
    next.splice(i + delta, 0, x);
    try {
      await api.orderItems(m.id, next);
      rerender(t('meeting.orderSaved'));
    } catch (err) {
      mount(agendaAlert, env.errorBox(err));
    }
  };
  const agendaAlert = h('div', { class: 'form-alert', role: 'alert' });
  const itemView = (item, i) => {
    // A decision withdrawn while on the agenda settles its item: nothing left to decide (R31).
    const withdrawn = !item.decidedAt && item.decisionStatus === 'withdrawn';
    const decided = Boolean(item.decidedAt) || withdrawn;
    return h(
      'li',
      { class: ['agenda-item', decided && 'is-decided', withdrawn && 'is-withdrawn'] },
      h(
        'div',
        { class: 'agenda-item-head' },
        h('span', { class: 'agenda-pos' }, String(i + 1)),
        h('div', { class: 'agenda-item-main' }, h('div', {}, decisionLink(item.decisionId, item.decisionNumber, item.title)), h('div', { class: 'agenda-item-meta' }, item.presentingDepartmentId ? `${t('meeting.presenting')}${t('colon')}${deptName(item.presentingDepartmentId) || item.presentingDepartment || ''}` : '', item.reviewOpinionNo ? ` · ${t('meeting.opinionNo')}${t('colon')}${item.reviewOpinionNo}` : '')),
        h('span', { class: ['badge', decided ? 'badge--done' : 'badge--provisional'] }, withdrawn ? t('meeting.withdrawnItem') : decided ? t('meeting.decided', { decision: choiceLabel('chiefDecision', item.chiefDecision) }) : t('meeting.undecided')),
      ),
      h(
        'div',
        { class: 'agenda-item-actions' },
        open && !decided ? h('button', { type: 'button', class: 'btn btn--small', disabled: i === 0, onclick: () => move(i, -1), 'aria-label': `${t('meeting.up')}${t('colon')}${item.decisionNumber}` }, `↑ ${t('meeting.up')}`) : null,
        open && !decided ? h('button', { type: 'button', class: 'btn btn--small', disabled: i === m.items.length - 1, onclick: () => move(i, 1), 'aria-label': `${t('meeting.down')}${t('colon')}${item.decisionNumber}` }, `↓ ${t('meeting.down')}`) : null,
        downloadButton(t('meeting.materials'), `${base}/items/${encodeURIComponent(item.id)}/materials`, `${item.decisionNumber}-上会材料.zip`),
      ),
      open && !decided ? outcomeForm(m, item, rerender) : null,
    );
  };
  const readyIds = new Set(pending.readyForAgenda.map((x) => x.decisionId));
  const onAgenda = new Set(m.items.map((i) => i.decisionId));
  const options = candidates.items.filter((d) => !onAgenda.has(d.id) && (readyIds.has(d.id) || ['legality_review', 'collective_discussion', 'party_committee_report'].includes(d.stage)));
  let addForm = null;
  if (open) {
    const select = h(
      'select',
      { id: 'agenda-add', name: 'decisionId' },
      h('option', { value: '' }, t('form.choose')),
      options.map((d) => h('option', { value: d.id }, `${d.number} ${d.title}（${readyIds.has(d.id) ? t('meeting.addReady') : t('meeting.addNotReady')}）`)),
    );
    const err = h('div', { class: 'form-alert', role: 'alert' });
    const button = h('button', { type: 'submit', class: 'btn btn--primary' }, t('meeting.add'));
    let key = newIdempotencyKey();
    addForm = h(
      'form',
      {
        class: 'agenda-add',
        novalidate: true,
        onsubmit: async (ev) => {
          ev.preventDefault();
          mount(err);
          if (!select.value) {
            mount(err, h('p', { class: 'field-error' }, t('form.required')));
            select.focus();
            return;
          }
          button.disabled = true;
          try {
            const res = await api.addItem(m.id, select.value, key);
            rerender(t('meeting.added', { number: res.item?.decisionId ? (options.find((d) => d.id === select.value)?.number ?? '') : '' }));
          } catch (e) {
            button.disabled = false;
            key = newIdempotencyKey();
            mount(err, ruleBox(e));
            err.querySelector('.error-box')?.focus();
          }
        },
      },
      h('div', { class: 'field' }, h('label', { for: select.id }, t('meeting.addLabel')), h('div', { class: 'field-control' }, select)),
      button,
      err,
    );
  }
  // Closing cannot be undone: the page asks for confirmation first.
  const confirmBox = h('div', { class: 'confirm-box', role: 'alertdialog', 'aria-labelledby': 'close-confirm-text', hidden: true });
  const closeButton =
    open && m.items.length
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn--primary',
            'aria-expanded': 'false',
            onclick: (ev) => {
              const opener = ev.currentTarget;
              opener.setAttribute('aria-expanded', 'true');
              const yes = h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn--danger',
                  onclick: async () => {
                    yes.disabled = true;
                    try {
                      await api.closeMeeting(m.id);
                      rerender(t('meeting.closed'));
                    } catch (err) {
                      yes.disabled = false;
                      confirmBox.hidden = true;
                      mount(agendaAlert, ruleBox(err));
                    }
                  },
                },
                t('meeting.closeConfirmSubmit'),
              );
              const no = h('button', { type: 'button', class: 'btn', onclick: () => ((confirmBox.hidden = true), opener.setAttribute('aria-expanded', 'false'), opener.focus()) }, t('form.cancel'));
              mount(confirmBox, h('p', { id: 'close-confirm-text' }, t('meeting.closeConfirm')), h('div', { class: 'form-actions' }, yes, no));
              confirmBox.hidden = false;
              yes.focus();
            },
          },
          t('meeting.close'),
        )
      : null;
  const agendaPanel = panel(
    { id: 'agenda-title', title: t('meeting.agenda'), meta: h('p', { class: 'panel-meta' }, t('meeting.items', { n: m.items.length })) },
    addForm,
    m.items.length ? h('ol', { class: 'agenda' }, m.items.map(itemView)) : h('p', { class: 'empty' }, t('meeting.agendaNone')),
    agendaAlert,
    closeButton ? h('div', { class: 'form-actions' }, closeButton) : null,
    confirmBox,
  );

  mount(main, crumbs, note ? flash(note) : null, head, agendaPanel, attendeesPanel);
  if (focus) env.focusHeading(main);
}

/** A refusal with its rule (409) or any other error, focusable. */
function ruleBox(err) {
  if (err instanceof ApiError && err.status === 409) {
    return h(
      'div',
      { class: 'error-box error-box--rule', tabindex: '-1' },
      (err.violations.length ? err.violations : [{ rule: err.rule, message: err.localized }]).map((v) => h('p', { title: ruleTitle(v.rule) }, pick(v.message) || env.errorMessage(err))),
    );
  }
  return env.errorBox(err);
}

function outcomeForm(m, item, rerender) {
  const members = m.attendees.filter((a) => a.member && a.present);
  return disclosureForm({
    open: `${t('meeting.outcome')}…`,
    submit: t('meeting.outcomeSubmit'),
    schema: OUTCOME_SCHEMA,
    initial: { memberOpinions: (members.length ? members : [{}, {}, {}]).map((a) => (a.name ? { member: a.name } : {})) },
    hints: { departureReason: { help: t('form.ruleHelp', { rule: 'R25' }) }, 'changes.kind': { label: t('meeting.changesKind') } },
    send: (v) => api.recordOutcome(m.id, item.id, v, newIdempotencyKey()),
    done: (res) => rerender([t('meeting.outcomeSaved', { number: item.decisionNumber }), ...(res?.warnings ?? []).map((w) => pick(w.message))].join('　')),
  });
}

// ---------------------------------------------------------------- supervision

export async function renderSupervision(main, filter, seq, focus) {
  document.title = `${t('sup.title')} · ${t('app.name')}`;
  window.scrollTo(0, 0);
  mount(main, env.loading());
  const year = filter.year || new Date().getFullYear();
  let overdue;
  let letters;
  let ledger;
  try {
    await env.departments();
    [overdue, letters, ledger] = await Promise.all([
      api.overdue({ departmentId: filter.departmentId, stage: filter.stage, minWorkingDaysOverdue: filter.minDays || undefined }),
      api.letters({ year }),
      api.ledger({ year }),
    ]);
  } catch (err) {
    if (!env.stale(seq)) mount(main, env.errorBox(err, () => renderSupervision(main, filter, seq, focus)));
    return;
  }
  if (env.stale(seq)) return;
  const note = env.takeFlash();
  const go = (next) => env.navigate(supervisionHash({ ...filter, ...next }));

  const dept = h('select', { id: 'sup-dept' }, h('option', { value: '' }, t('sup.all')), (env.state.departments ?? []).map((d) => h('option', { value: d.id, selected: filter.departmentId === d.id }, getLocale() === 'en' ? d.nameEn : d.nameZh)));
  const stage = h('select', { id: 'sup-stage' }, h('option', { value: '' }, t('sup.all')), STAGES.map((s) => h('option', { value: s, selected: filter.stage === s }, label('stage', s))));
  const minDaysError = h('span', { id: 'sup-min-error', class: 'field-error', hidden: true }, t('sup.minDaysInvalid'));
  const minDays = h('input', { id: 'sup-min', type: 'number', min: '0', max: '365', step: '1', inputmode: 'numeric', 'aria-describedby': 'sup-min-error', value: filter.minDays ? String(filter.minDays) : '' });
  const filters = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      novalidate: true,
      onsubmit: (ev) => {
        ev.preventDefault();
        // Whole working days from 0 to 365; anything else is refused beside the field, not silently read as 0.
        const raw = minDays.value.trim();
        const n = Number(raw);
        if (raw && (!Number.isInteger(n) || n < 0 || n > 365)) {
          minDays.setAttribute('aria-invalid', 'true');
          minDaysError.hidden = false;
          minDays.focus();
          return;
        }
        minDays.removeAttribute('aria-invalid');
        minDaysError.hidden = true;
        go({ departmentId: dept.value, stage: stage.value, minDays: n || 0 });
      },
    },
    h('div', { class: 'filter' }, h('label', { for: dept.id }, t('sup.department')), dept),
    h('div', { class: 'filter' }, h('label', { for: stage.id }, t('sup.stage')), stage),
    h('div', { class: 'filter' }, h('label', { for: minDays.id }, t('sup.minDays')), minDays, minDaysError),
    h('div', { class: 'filter filter--actions' }, h('button', { type: 'submit', class: 'btn btn--primary' }, t('filter.apply'))),
  );
  const canExtend = hasRole('supervisor');
  const overduePanel = panel(
    {
      id: 'sup-overdue-title',
      title: t('sup.overdue'),
      meta: h('p', { class: 'panel-meta' }, h('span', { class: ['count', 'count--overdue', overdue.total > 0 && 'is-nonzero'] }, t('tasks.overdue', { n: overdue.total }))),
      class: 'board-panel',
    },
    filters,
    overdue.items.length
      ? table(
          t('sup.overdue'),
          [t('col.number'), t('col.title'), t('open.task'), t('sup.department'), t('open.due'), t('board.late'), t('sup.lettersCol'), ''],
          overdue.items.map((x) =>
            h(
              'tr',
              { class: 'is-overdue' },
              td(t('col.number'), h('span', { class: 'num' }, x.decisionNo ?? x.subject?.number ?? '')),
              td(t('col.title'), x.decisionId ? h('a', { href: env.decisionHash(x.decisionId) }, x.decisionTitle) : subjectLink(x).slice(2)),
              td(t('open.task'), pick(x.label), h('span', { class: 'open-role' }, ` · ${label('stage', x.stage)}`)),
              td(t('sup.department'), deptName(x.departmentId)),
              td(t('open.due'), env.dueView({ dueAt: x.dueAt, rule: x.dueRule }, { overdue: true, basis: false, labelled: false })),
              td(t('board.late'), h('strong', { class: 'late' }, t('sup.days', { n: x.workingDaysOverdue }))),
              td(t('sup.lettersCol'), `${label('documentKind', 'reminder_letter')} ${x.letters.reminder_letter} · ${label('documentKind', 'supervision_letter')} ${x.letters.supervision_letter}`),
              td(
                '',
                canExtend
                  ? disclosureForm({
                      open: t('sup.extend'),
                      submit: t('sup.extendSubmit'),
                      schema: { type: 'object', required: ['workingDays', 'reason'], properties: { workingDays: { type: 'integer', minimum: 1, maximum: 60 }, reason: { type: 'string', minLength: 2, maxLength: 1000 } } },
                      hints: { reason: { help: t('form.ruleHelp', { rule: 'R34' }) } },
                      send: (v) => api.extend(x.taskId, v, newIdempotencyKey()),
                      done: (res) => {
                        env.setFlash(t('sup.extended', { due: formatDateTime(res?.dueAt ?? res?.newDueAt ?? '') }));
                        renderSupervision(main, filter, seq, false);
                      },
                    })
                  : null,
              ),
            ),
          ),
          'overdue-table',
        )
      : h('p', { class: 'empty' }, t('sup.overdueNone')),
  );

  const yearSelect = h('select', { id: 'sup-year' }, [year + 1, year, year - 1, year - 2].map((y) => h('option', { value: String(y), selected: y === year }, String(y))));
  yearSelect.addEventListener('change', () => go({ year: Number(yearSelect.value) }));
  const pairText = (s) => (t(`sup.pair.${s}`) === `sup.pair.${s}` ? String(s ?? '') : t(`sup.pair.${s}`));
  const lettersPanel = panel(
    { id: 'sup-letters-title', title: t('sup.letters'), meta: h('div', { class: 'year-pick' }, h('label', { for: yearSelect.id }, t('sup.year')), yearSelect) },
    h('ul', { class: 'cards' }, h('li', { class: 'card' }, h('span', { class: 'card-value' }, String(letters.totals.reminder_letter)), h('span', { class: 'card-label' }, label('documentKind', 'reminder_letter'))), h('li', { class: ['card', letters.totals.supervision_letter > 0 && 'card--overdue'] }, h('span', { class: 'card-value' }, String(letters.totals.supervision_letter)), h('span', { class: 'card-label' }, label('documentKind', 'supervision_letter')))),
    letters.counts.length ? h('p', { class: 'panel-meta' }, letters.counts.map((c) => `${c.year} · ${deptName(c.departmentId)} · ${label('documentKind', c.kind)} ${c.count}`).join('；')) : null,
    letters.items.length
      ? table(
          t('sup.letters'),
          [t('sup.letterNo'), t('legal.status'), t('col.title'), t('sup.department'), t('sup.issued'), t('sup.pair'), ''],
          letters.items.map((l) =>
            h(
              'tr',
              {},
              td(t('sup.letterNo'), l.number),
              td(t('legal.status'), pick(l.label) || label('documentKind', l.kind)),
              td(t('col.title'), subjectLink(l)),
              td(t('sup.department'), deptName(l.departmentId)),
              td(t('sup.issued'), formatDateTime(l.issuedAt)),
              td(t('sup.pair'), pairText(l.doubleNotification?.state)),
              td('', downloadButton(t('docs.download'), `/api/supervision/letters/${encodeURIComponent(l.id)}/document`, `${l.number}.docx`)),
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('sup.letterNone')),
  );

  const ledgerPanel = panel(
    { id: 'sup-ledger-title', title: [t('sup.ledger'), ` · ${year}`], meta: downloadButton(t('sup.csv'), `/api/supervision/ledger?year=${year}&format=csv`, `考核台账-${year}.csv`) },
    ledger.items.length
      ? table(
          t('sup.ledger'),
          [t('sup.department'), t('col.number'), t('open.task'), t('open.due'), t('board.late'), t('sup.received')],
          ledger.items.map((i) =>
            h(
              'tr',
              {},
              td(t('sup.department'), i.departmentName ?? deptName(i.departmentId)),
              td(t('col.number'), subjectLink(i)),
              td(t('open.task'), label('taskKind', i.taskKind)),
              td(t('open.due'), formatDateTime(i.dueAt)),
              td(t('board.late'), t('sup.days', { n: i.workingDaysOverdue })),
              td(t('sup.received'), String(i.lettersReceived ?? 0)),
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('sup.ledgerNone')),
  );

  mount(
    main,
    note ? flash(note) : null,
    h('section', { class: 'home-head' }, h('div', { class: 'home-head-text' }, h('h1', { id: 'sup-title' }, t('sup.title')), h('p', { class: 'home-hint' }, t('sup.lead')))),
    overduePanel,
    lettersPanel,
    hasRole('supervisor', 'leader', 'admin') ? ledgerPanel : null,
  );
  if (focus) env.focusHeading(main);
}

export function supervisionHash(f) {
  const p = new URLSearchParams();
  if (f.departmentId) p.set('departmentId', f.departmentId);
  if (f.stage) p.set('stage', f.stage);
  if (f.minDays) p.set('minDays', String(f.minDays));
  if (f.year) p.set('year', String(f.year));
  const s = p.toString();
  return `#/supervision${s ? `?${s}` : ''}`;
}

export function parseSupervision(qs) {
  const p = new URLSearchParams(qs);
  const year = Number.parseInt(p.get('year') ?? '', 10);
  return { departmentId: p.get('departmentId') ?? '', stage: STAGES.includes(p.get('stage') ?? '') ? p.get('stage') : '', minDays: Math.max(0, Number.parseInt(p.get('minDays') ?? '0', 10) || 0), year: year >= 2000 && year <= 2100 ? year : 0 };
}

// ---------------------------------------------------------------- legal center

const reviewStatus = (s) => (t(`review.status.${s}`) === `review.status.${s}` ? s : t(`review.status.${s}`));
addMessages(
  { 'review.status.awaiting_materials': '待补充材料', 'review.status.in_review': '审查中', 'review.status.second_check': '复核中', 'review.status.sign_off': '待签发', 'review.status.revision': '修改中', 'review.status.issued': '已出具意见', 'review.status.cancelled': '已撤销', 'review.status.submitted': '已报送', 'review.status.assigning': '分配中' },
  { 'review.status.awaiting_materials': 'Awaiting materials', 'review.status.in_review': 'In review', 'review.status.second_check': 'Second check', 'review.status.sign_off': 'Sign-off', 'review.status.revision': 'In revision', 'review.status.issued': 'Issued', 'review.status.cancelled': 'Cancelled', 'review.status.submitted': 'Submitted', 'review.status.assigning': 'Assigning' },
);

export async function renderLegal(main, seq, focus) {
  document.title = `${t('legal.title')} · ${t('app.name')}`;
  window.scrollTo(0, 0);
  mount(main, env.loading());
  const director = hasRole('director', 'admin');
  let list;
  let workload = null;
  let pool = null;
  let reviewers = [];
  try {
    await env.departments();
    [list, workload, pool, reviewers] = await Promise.all([
      api.reviews({ scope: director || hasRole('supervisor') ? 'center' : 'mine', status: 'open' }),
      director || hasRole('supervisor') ? api.workload(new Date().getFullYear()) : null,
      director ? api.pool() : null,
      director ? api.users('reviewer') : [],
    ]);
  } catch (err) {
    if (!env.stale(seq)) mount(main, env.errorBox(err, () => renderLegal(main, seq, focus)));
    return;
  }
  if (env.stale(seq)) return;
  const note = env.takeFlash();
  const again = (msg) => {
    if (msg) env.setFlash(msg);
    renderLegal(main, seq, false);
  };
  const nameOf = (userId) => (userId === env.myUserId() ? env.state.me?.displayName : null) ?? reviewers.find((u) => u.id === userId)?.displayName ?? workload?.reviewers.find((r) => r.userId === userId)?.name ?? '—';
  const queue = panel(
    {
      id: 'legal-queue-title',
      title: director ? t('legal.center') : t('legal.mine'),
      meta: h('p', { class: 'panel-meta' }, h('span', { class: 'count' }, t('tasks.total', { n: list.total })), h('span', { class: ['count', 'count--overdue', list.overdue > 0 && 'is-nonzero'] }, t('tasks.overdue', { n: list.overdue }))),
    },
    list.items.length
      ? table(
          t('legal.center'),
          [t('legal.subject'), t('sub.titleCol'), t('legal.status'), t('legal.reviewer'), t('legal.due'), ''],
          list.items.map((r) =>
            h(
              'tr',
              { class: r.overdue ? 'is-overdue' : '' },
              td(t('legal.subject'), h('span', { class: 'num' }, r.subjectNumber), h('span', { class: 'open-role' }, ` ${label('reviewKind', r.kind)}`)),
              td(t('sub.titleCol'), h('a', { href: `#/reviews/${encodeURIComponent(r.id)}` }, r.title)),
              td(t('legal.status'), reviewStatus(r.status)),
              td(t('legal.reviewer'), r.reviewerUserId ? nameOf(r.reviewerUserId) : '—'),
              td(t('legal.due'), r.dueAt ? env.dueView({ dueAt: r.dueAt }, { overdue: r.overdue, basis: false, labelled: false }) : '—'),
              td(
                '',
                director && r.reviewerUserId
                  ? disclosureForm({
                      open: t('legal.reassign'),
                      submit: t('legal.reassignSubmit'),
                      schema: { type: 'object', required: ['reviewerUserId', 'reason'], properties: { reviewerUserId: { type: 'string', enum: reviewers.filter((u) => u.id !== r.reviewerUserId && available(pool, u.id)).map((u) => u.id) }, reason: text(1000) } },
                      hints: { reviewerUserId: { label: fieldLabel('reviewerUserId') }, reason: { help: t('form.ruleHelp', { rule: 'R20' }) } },
                      optionLabels: { reviewerUserId: nameOf },
                      send: (v) => api.reassign(r.id, v),
                      done: () => again(t('legal.reassigned')),
                    })
                  : null,
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('legal.none')),
  );

  let board = null;
  if (workload) {
    const leaveOf = (userId) => pool?.members.find((m) => m.userId === userId)?.leave ?? [];
    board = panel(
      {
        id: 'legal-workload-title',
        title: [t('legal.workload'), ` · ${workload.year}`],
        meta: h('p', { class: 'panel-meta' }, `${t('legal.open')} ${workload.center.open} · ${t('legal.overdue')} ${workload.center.overdue} · ${t('legal.done')} ${workload.center.reviewed}`),
      },
      table(
        t('legal.workload'),
        [t('legal.reviewer'), t('legal.open'), t('legal.overdue'), t('legal.done'), t('legal.median'), ''],
        workload.reviewers.map((r) => {
          const leave = leaveOf(r.userId);
          const load = Math.min(100, r.openWeight * 20);
          return h(
            'tr',
            { class: r.overdue ? 'is-overdue' : '' },
            td(
              t('legal.reviewer'),
              h('span', {}, r.name),
              !r.active ? h('span', { class: 'badge badge--paused' }, t('legal.inactive')) : null,
              leave.map((l) => h('span', { class: 'badge badge--provisional' }, t('legal.onLeave', { from: formatDate(l.startsOn), to: formatDate(l.endsOn) }))),
            ),
            td(t('legal.open'), h('span', { class: 'load' }, load ? h('span', { class: 'load-bar', style: `width:${load}%` }) : null, h('span', { class: 'load-n' }, `${r.open}（${r.openWeight}）`))),
            td(t('legal.overdue'), String(r.overdue)),
            td(t('legal.done'), String(r.done)),
            td(t('legal.median'), r.medianTurnaroundDays ?? '—'),
            td(
              '',
              director
                ? disclosureForm({
                    open: t('legal.leave'),
                    submit: t('legal.leaveSubmit'),
                    schema: { type: 'object', required: ['startsOn', 'endsOn', 'reason'], properties: { startsOn: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, endsOn: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, reason: text(200) } },
                    send: (v) => api.addLeave(r.userId, v),
                    done: () => again(t('legal.leaveSaved')),
                  })
                : null,
            ),
          );
        }),
      ),
    );
  }
  mount(main, note ? flash(note) : null, h('section', { class: 'home-head' }, h('div', { class: 'home-head-text' }, h('h1', { id: 'legal-title' }, t('legal.title')))), queue, board, pool ? settingsPanel(pool, again) : null, pool ? poolPanel(pool, nameOf, again) : null, director ? lawsPanel(again) : null);
  if (focus) env.focusHeading(main);
}

/** The pool as data (R20): each reviewer's active flag and former department, and their declared conflicts (director, admin). */
/** On leave today (Beijing date): the leave periods are whole days, both ends included. */
const onLeaveToday = (m) => (m?.leave ?? []).some((l) => String(l.startsOn).slice(0, 10) <= beijingToday() && beijingToday() <= String(l.endsOn).slice(0, 10));
/** Who can take a review now: in the pool, active and not on leave (the server refuses the others, R20). */
const available = (pool, userId) => {
  const m = pool?.members.find((x) => x.userId === userId);
  return !m || (m.active && !onLeaveToday(m));
};

const LAW_LEVELS = ['constitution', 'law', 'administrative_regulation', 'local_regulation', 'department_rule', 'local_rule'];
const isoDateField = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const LAW_SCHEMA = {
  type: 'object',
  required: ['name', 'level', 'issuedBy', 'effectiveOn'],
  properties: { name: text(120), level: { type: 'string', enum: LAW_LEVELS }, issuedBy: text(120), effectiveOn: isoDateField, repealedOn: isoDateField, replacedBy: text(120) },
};
const lawHints = () => ({
  name: { label: t('law.name') },
  level: { label: t('law.level') },
  issuedBy: { label: t('law.issuedBy') },
  effectiveOn: { label: t('law.effectiveOn') },
  repealedOn: { label: t('law.repealedOn'), help: t('law.retireHelp') },
  replacedBy: { label: t('law.replacedBy') },
});
const lawLevelLabels = { level: (v) => t(`law.level.${v}`) };

/** The law library the assisted review checks citations against, kept by the director: add, correct, retire (audited). */
function lawsPanel(again) {
  const body = h('div', {}, env.loading());
  const section = panel({ id: 'legal-laws-title', title: t('law.title') }, h('p', { class: 'panel-lead' }, t('law.lead')), body);
  api.laws().then(
    (res) => {
      const cols = [t('law.name'), t('law.level'), t('law.effectiveOn'), t('law.state'), ''];
      mount(
        body,
        disclosureForm({ open: t('law.add'), submit: t('law.addSubmit'), schema: LAW_SCHEMA, hints: lawHints(), optionLabels: lawLevelLabels, initial: { level: 'law' }, send: (v) => api.addLaw(v), done: () => again(t('law.saved')) }),
        table(
          t('law.title'),
          cols,
          res.items.map((l) =>
            h(
              'tr',
              { class: 'law-row' },
              td(cols[0], `《${l.name}》`, h('span', { class: 'open-role' }, ` ${l.issuedBy}`)),
              td(cols[1], t(`law.level.${l.level}`)),
              td(cols[2], formatDate(l.effectiveOn)),
              td(cols[3], l.repealedOn ? h('span', { class: 'badge badge--paused' }, t('law.repealed', { on: formatDate(l.repealedOn), by: l.replacedBy ? `《${l.replacedBy}》` : '—' })) : h('span', { class: 'badge badge--done' }, t('law.inForce'))),
              td(
                '',
                disclosureForm({
                  open: t('law.edit'),
                  submit: t('law.editSubmit'),
                  schema: LAW_SCHEMA,
                  hints: lawHints(),
                  optionLabels: lawLevelLabels,
                  initial: Object.fromEntries(Object.entries({ name: l.name, level: l.level, issuedBy: l.issuedBy, effectiveOn: l.effectiveOn, repealedOn: l.repealedOn, replacedBy: l.replacedBy }).filter(([, v]) => v)),
                  send: (v) => api.updateLaw(l.id, v),
                  done: () => again(t('law.saved')),
                }),
              ),
            ),
          ),
        ),
      );
    },
    (err) => mount(body, env.errorBox(err)),
  );
  return section;
}

function poolPanel(pool, nameOf, again) {
  const cols = [t('legal.reviewer'), t('pool.state'), t('pool.former'), t('pool.conflicts'), ''];
  const onDuty = pool.members.filter((m) => m.active && !onLeaveToday(m)).length;
  return panel(
    { id: 'legal-pool-title', title: t('pool.title'), meta: h('p', { class: 'panel-meta' }, t('pool.count', { n: onDuty, all: pool.members.length })) },
    h('p', { class: 'panel-lead' }, t('pool.lead')),
    table(
      t('pool.title'),
      cols,
      pool.members.map((m) =>
        h(
          'tr',
          { class: 'pool-row', 'data-user': m.username ?? m.userId },
          td(cols[0], h('span', {}, m.displayName ?? nameOf(m.userId)), m.username ? h('span', { class: 'open-role' }, ` ${m.username}`) : null),
          td(cols[1], !m.active ? h('span', { class: 'badge badge--paused' }, t('legal.inactive')) : onLeaveToday(m) ? h('span', { class: 'badge badge--provisional' }, t('pool.onLeave')) : h('span', { class: 'badge badge--done' }, t('pool.active'))),
          td(cols[2], m.formerDepartmentId ? deptName(m.formerDepartmentId) : '—'),
          td(
            cols[3],
            (m.conflicts ?? []).length
              ? h('ul', { class: 'ctx-list' }, m.conflicts.map((c) => h('li', {}, [c.departmentId ? deptName(c.departmentId) : null, c.subjectNumber].filter(Boolean).join(' · '), h('span', { class: 'open-role' }, ` （${c.reason}）`))))
              : '—',
          ),
          td(
            '',
            h(
              'div',
              { class: 'pool-actions' },
              disclosureForm({
                open: t('pool.edit'),
                submit: t('pool.editSubmit'),
                schema: { type: 'object', required: ['active'], properties: { active: { type: 'boolean' }, formerDepartmentId: { type: 'string' } } },
                initial: { active: m.active, formerDepartmentId: m.formerDepartmentId ?? undefined },
                hints: { active: { help: t('form.ruleHelp', { rule: 'R20' }) } },
                send: (v) => api.updateReviewer(m.userId, { active: v.active, formerDepartmentId: v.formerDepartmentId ?? null }),
                done: () => again(t('pool.saved', { name: m.displayName ?? '' })),
              }),
              disclosureForm({
                open: t('pool.conflict'),
                submit: t('pool.conflictSubmit'),
                scope: 'conflict',
                schema: { type: 'object', required: ['reason'], properties: { departmentId: { type: 'string' }, subjectNumber: text(100), reason: text(500) } },
                hints: { departmentId: { help: t('pool.conflictHelp') } },
                send: (v) => api.declareConflict(m.userId, v),
                done: () => again(t('pool.conflictSaved', { name: m.displayName ?? '' })),
              }),
            ),
          ),
        ),
      ),
      'pool-table',
    ),
  );
}

/** Each kind's weight, target working days (R17), second check, director's sign-off and number prefix (director, admin). */
function settingsPanel(pool, again) {
  const cols = [t('pool.kind'), fieldLabel('weight'), fieldLabel('targetWorkingDays'), fieldLabel('secondCheck'), fieldLabel('directorSignOff'), fieldLabel('numberPrefix'), ''];
  const yes = (b) => (b ? t('form.yes') : t('form.no'));
  return panel(
    { id: 'legal-settings-title', title: t('pool.settings') },
    h('p', { class: 'panel-lead' }, t('pool.settingsLead')),
    table(
      t('pool.settings'),
      cols,
      pool.settings.map((s) =>
        h(
          'tr',
          { class: 'setting-row', 'data-kind': s.kind },
          td(cols[0], label('reviewKind', s.kind)),
          td(cols[1], String(s.weight)),
          td(cols[2], String(s.targetWorkingDays)),
          td(cols[3], yes(s.secondCheck)),
          td(cols[4], yes(s.directorSignOff)),
          td(cols[5], h('span', { class: 'num' }, s.numberPrefix)),
          td(
            '',
            disclosureForm({
              open: t('pool.settingEdit'),
              submit: t('pool.settingSubmit'),
              schema: {
                type: 'object',
                required: ['weight', 'targetWorkingDays', 'secondCheck', 'directorSignOff', 'numberPrefix'],
                properties: { weight: { type: 'integer', minimum: 1, maximum: 20 }, targetWorkingDays: { type: 'integer', minimum: 1, maximum: 60 }, secondCheck: { type: 'boolean' }, directorSignOff: { type: 'boolean' }, numberPrefix: text(20) },
              },
              initial: { weight: s.weight, targetWorkingDays: s.targetWorkingDays, secondCheck: s.secondCheck, directorSignOff: s.directorSignOff, numberPrefix: s.numberPrefix },
              hints: { targetWorkingDays: { help: t('form.ruleHelp', { rule: 'R17' }) } },
              send: (v) => api.updateKindSetting(s.kind, v),
              done: () => again(t('pool.settingSaved', { kind: label('reviewKind', s.kind) })),
            }),
          ),
        ),
      ),
      'settings-table',
    ),
  );
}

export async function renderReview(main, id, seq, focus, attempt = 0) {
  if (!attempt) window.scrollTo(0, 0);
  // The legal center comes back to its queue; a submitting department to its submissions.
  const center = hasRole('reviewer', 'director', 'supervisor', 'admin');
  const crumbs = h('p', { class: 'crumbs' }, center ? h('a', { href: '#/legal' }, `← ${t('legal.back')}`) : h('a', { href: '#/submissions' }, `← ${t('sub.back')}`));
  if (!attempt) mount(main, crumbs, env.loading());
  let r;
  let draft = null;
  try {
    await env.departments();
    r = await api.review(id);
    draft = center ? await api.opinionDraft(id).catch(() => null) : null;
  } catch (err) {
    if (!env.stale(seq)) mount(main, crumbs, env.errorBox(err, () => renderReview(main, id, seq, focus)));
    return;
  }
  if (env.stale(seq)) return;
  document.title = `${r.subjectNumber} · ${t('legal.review')} · ${t('app.name')}`;
  const note = attempt ? main.querySelector('.flash')?.textContent : env.takeFlash();
  const again = (msg) => {
    if (msg) env.setFlash(msg);
    renderReview(main, id, seq, false);
  };
  const mine = r.reviewerUserId && r.reviewerUserId === env.myUserId();
  const head = h(
    'section',
    { class: 'panel decision-head', 'aria-labelledby': 'review-title' },
    h('div', { class: 'decision-head-top' }, h('div', { class: 'decision-head-ids' }, h('span', { class: 'num num--large' }, r.subjectNumber), h('span', { class: 'status status--active' }, reviewStatus(r.status)), h('span', { class: 'badge' }, label('reviewKind', r.kind)))),
    h('h1', { id: 'review-title', class: 'decision-title' }, r.title),
    h(
      'dl',
      { class: 'meta' },
      r.dueAt && !r.issuedAt ? h('div', { class: 'meta-item' }, h('dt', {}, t('legal.due')), h('dd', {}, env.dueView({ dueAt: r.dueAt }, { overdue: r.overdue, basis: false }))) : null,
      r.issuedAt ? h('div', { class: 'meta-item' }, h('dt', {}, t('review.issuedAt')), h('dd', {}, formatDateTime(r.issuedAt))) : null,
      r.decisionId ? h('div', { class: 'meta-item' }, h('dt', {}, t('legal.decision')), h('dd', {}, h('a', { href: env.decisionHash(r.decisionId) }, r.subjectNumber))) : null,
      h('div', { class: 'meta-item' }, h('dt', {}, t('review.department')), h('dd', {}, deptName(r.departmentId))),
      r.submittedAt ? h('div', { class: 'meta-item' }, h('dt', {}, t('review.submittedAt')), h('dd', {}, formatDateTime(r.submittedAt))) : null,
      r.outcome ? h('div', { class: 'meta-item' }, h('dt', {}, t('review.outcome')), h('dd', { class: 'review-outcome' }, label('reviewOutcome', r.outcome))) : null,
      r.opinionNo ? h('div', { class: 'meta-item' }, h('dt', {}, t('meeting.opinionNo')), h('dd', {}, r.opinionNo)) : null,
    ),
    h(
      'div',
      { class: 'form-actions' },
      r.opinionUrl ? downloadButton(t('legal.opinion'), r.opinionUrl, `${r.opinionNo ?? r.subjectNumber}.docx`) : null,
      mine && !r.issuedAt
        ? disclosureForm({ open: t('legal.decline'), submit: t('legal.declineSubmit'), schema: { type: 'object', required: ['reason'], properties: { reason: text(1000) } }, hints: { reason: { help: t('form.ruleHelp', { rule: 'R20' }) } }, send: (v) => api.decline(r.id, v), done: () => again(t('legal.declined')) })
        : null,
    ),
  );
  const tasks = (r.tasks ?? []).filter((x) => x.status === 'open');
  const tasksPanel = panel(
    { id: 'review-tasks-title', title: t('legal.tasks') },
    tasks.length
      ? h(
          'ul',
          { class: 'open-list' },
          tasks.map((x) =>
            h(
              'li',
              { class: ['open-item', x.overdue && 'is-overdue'] },
              h('div', { class: 'open-main' }, h('span', { class: 'open-label' }, label('taskKind', x.kind)), h('span', { class: 'open-role' }, label('role', x.role))),
              x.due ? h('div', { class: 'open-due' }, env.dueView(x.due, { overdue: x.overdue, paused: x.paused, basis: false, attention: x.dueAttention })) : null,
              env.canAct(x) ? h('a', { class: 'btn btn--primary btn--small', href: r.decisionId ? env.taskHash(x.id) : reviewTaskHash(x.id), 'aria-label': `${t('legal.act')}${t('colon')}${label('taskKind', x.kind)}` }, t('legal.act')) : null,
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('open.none')),
  );
  const flagsPanel = panel(
    { id: 'review-flags-title', title: t('legal.flags') },
    r.flags.length
      ? h(
          'ul',
          { class: 'flag-list' },
          r.flags.map((f) =>
            h(
              'li',
              { class: ['flag-item', `flag--${f.status}`] },
              h('div', {}, h('strong', {}, label('reviewFlag', f.code)), ' ', h('span', { class: 'badge' }, t(f.status === 'open' && r.issuedAt ? 'legal.flag.undecided' : `legal.flag.${f.status}`))),
              pick(f.message) !== label('reviewFlag', f.code) ? h('p', {}, pick(f.message)) : null,
              f.excerpt ? h('blockquote', { class: 'flag-excerpt' }, f.excerpt) : null,
              f.reason ? h('p', { class: 'panel-meta' }, `${fieldLabel('reason')}${t('colon')}${f.reason}`) : null,
              mine && f.status === 'open'
                ? h(
                    'div',
                    { class: 'form-actions' },
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'btn btn--small btn--primary',
                        onclick: async (ev) => {
                          ev.currentTarget.disabled = true;
                          try {
                            await api.decideFlag(r.id, f.id, { decision: 'confirmed' });
                            again();
                          } catch (err) {
                            ev.target.disabled = false;
                            mount(flagAlert, ruleBox(err));
                          }
                        },
                      },
                      t('legal.confirm'),
                    ),
                    disclosureForm({ open: t('legal.dismiss'), submit: t('legal.dismissSubmit'), schema: { type: 'object', required: ['reason'], properties: { reason: text(2000) } }, send: (v) => api.decideFlag(r.id, f.id, { decision: 'dismissed', reason: v.reason }), done: () => again() }),
                  )
                : null,
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('legal.flagsNone')),
  );
  const flagAlert = h('div', { class: 'form-alert', role: 'alert' });
  flagsPanel.append(flagAlert);
  const previewPanel = draft
    ? panel(
        { id: 'review-preview-title', title: t('legal.preview') },
        draft.openFlags ? h('p', { class: 'panel-meta is-overdue-text' }, t('legal.previewOpen', { n: draft.openFlags })) : null,
        Array.isArray(draft.findings)
          ? h('ol', { class: 'checklist' }, draft.findings.map((f) => h('li', {}, h('strong', {}, f.question ?? f.key), ' ', f.conforms === false ? h('span', { class: 'badge badge--overdue' }, t('form.no')) : f.conforms === true ? h('span', { class: 'badge badge--done' }, t('form.yes')) : null, f.finding ? h('p', {}, f.finding) : null)))
          : null,
        draft.text ? h('pre', { class: 'opinion-preview' }, draft.text) : null,
      )
    : null;
  const docsPanel = reviewDocumentsPanel(r, (msg) => again(msg));
  mount(main, crumbs, note ? flash(note) : null, head, h('div', { class: 'decision-grid' }, h('div', { class: 'decision-col' }, reviewRevisionsPanel(r), tasksPanel, flagsPanel), h('div', { class: 'decision-col' }, docsPanel, previewPanel)));
  if (focus && !attempt) env.focusHeading(main);
  // Just submitted or answered: the review opens its next task a moment later; look again until it has (not while a form is in use).
  if (!r.issuedAt && r.status !== 'cancelled' && !tasks.length && attempt < 10)
    setTimeout(() => {
      const busy = main.contains(document.activeElement?.closest('form') ?? null) || main.querySelector('.disclosure-body:not(:empty), .field-error:not([hidden])') || [...main.querySelectorAll('input[type=file]')].some((f) => f.files?.length);
      if (!env.stale(seq) && !busy) renderReview(main, id, seq, false, attempt + 1);
    }, 1000);
}

// ---------------------------------------------------------------- implementation, evaluation, dossier (decision page)

export function implementationPanel(d) {
  // Published or, for a decision not to be disclosed, concluded without publishing (R27): implementation and archive follow either way.
  const publication = (d.stages ?? []).find((s) => s.stage === 'publication')?.status;
  if (!['done', 'not_applicable', 'skipped'].includes(publication) && d.stage !== 'archived' && d.status !== 'closed') return null;
  const body = h('div', { class: 'panel-body' }, env.loading());
  const section = panel({ id: 'impl-title', title: t('impl.title') }, body);
  const base = `/api/decisions/${encodeURIComponent(d.id)}`;
  (async () => {
    try {
      const [impl, dossier] = await Promise.all([api.implementation(d.id), api.dossier(d.id).catch(() => null)]);
      const list = (items) => (Array.isArray(items) && items.length ? h('ul', { class: 'ctx-list' }, items.map((x) => h('li', {}, recordLine(x)))) : h('p', { class: 'empty' }, t('meetings.noneItems')));
      mount(
        body,
        impl?.implementingUnit?.implementingDepartmentId ? h('p', {}, `${t('impl.unit')}${t('colon')}${deptName(impl.implementingUnit.implementingDepartmentId)}`) : null,
        h('h3', {}, t('impl.reports')),
        list(impl?.reports),
        h('h3', {}, t('impl.evaluations')),
        list(impl?.evaluations),
        dossier || d.status === 'closed'
          ? h('div', {}, h('h3', {}, t('impl.dossier')), h('div', { class: 'form-actions' }, downloadButton(t('impl.dossierZip'), `${base}/dossier/download`, `${d.number}-案卷.zip`), downloadButton(t('impl.dossierIndex'), `${base}/dossier/index.docx`, `${d.number}-卷内目录.docx`)))
          : null,
        d.status === 'active' && hasRole('secretary', 'leader', 'supervisor')
          ? disclosureForm({
              open: t('impl.request'),
              submit: t('impl.requestSubmit'),
              schema: { type: 'object', required: ['trigger', 'reason'], properties: { trigger: { type: 'string', enum: ['requested', 'ineffective', 'public_objections'] }, reason: text(2000) } },
              initial: { trigger: 'requested' },
              hints: { trigger: { label: t('impl.trigger') } },
              optionLabels: { trigger: (v) => t(`trigger.${v}`) },
              send: (v) => api.requestEvaluation(d.id, v),
              done: () => mount(body, flash(t('impl.requested'))),
            })
          : null,
      );
    } catch (err) {
      mount(body, env.errorBox(err));
    }
  })();
  return section;
}

function recordLine(x) {
  if (!x || typeof x !== 'object') return String(x ?? '');
  const data = x.data && typeof x.data === 'object' ? x.data : {};
  const what = ['summary', 'progress', 'findings', 'conclusion', 'result', 'problems', 'reason'].map((k) => data[k]).find((v) => typeof v === 'string' && v) ?? '';
  const result = typeof data.result === 'string' && what !== data.result ? ` · ${choiceLabel('result', data.result)}` : '';
  return [x.at ? h('time', { datetime: x.at }, formatDateTime(x.at)) : null, ' ', what, result];
}
