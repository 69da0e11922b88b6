import { STAGE_LABELS, type Stage } from './stages.js';
import { TASK_KINDS, isTaskKind } from './tasks/kinds.js';

const FIXED: Record<string, { zh: string; en: string }> = {
  'catalog.created': { zh: '编制年度决策事项目录', en: 'Annual catalog started' },
  'catalog.draft_saved': { zh: '保存目录草稿', en: 'Catalog draft saved' },
  'catalog.approved': { zh: '目录经党委同意后批准', en: 'Catalog approved after the party committee agreed' },
  'catalog.published': { zh: '公布年度决策事项目录', en: 'Catalog published' },
  'catalog.amended': { zh: '调整年度决策事项目录', en: 'Catalog amended' },
  'catalog.amendment_proposed': { zh: '提出目录调整', en: 'Catalog amendment proposed' },
  'catalog.amendment_approved': {
    zh: '目录调整经党委同意后批准',
    en: 'Catalog amendment approved after the party committee agreed',
  },
  'catalog.amendment_refused': { zh: '目录调整不予批准', en: 'Catalog amendment refused' },
  'catalog.amendment_withdrawn': { zh: '撤回目录调整', en: 'Catalog amendment withdrawn' },
  'catalog.outside_requested': { zh: '申请启动目录外事项', en: 'Outside-catalog launch requested' },
  'catalog.outside_decided': { zh: '政府领导审批目录外事项', en: 'Outside-catalog request decided' },
  'comment.submitted': { zh: '公众在线提交意见', en: 'Public comment submitted online' },
  'comment.recorded': { zh: '登记其他渠道意见', en: 'Comment from another channel recorded' },
  'comment.grouped': { zh: '意见归类', en: 'Comments grouped' },
  'comment.group_created': { zh: '新建意见分组', en: 'Comment group created' },
  'comment.group_answered': { zh: '答复意见分组', en: 'Comment group answered' },
  'hearing.announced': { zh: '发布听证公告', en: 'Hearing announced' },
  'hearing.materials_sent': { zh: '向听证参加人送达材料', en: 'Hearing materials sent' },
  'hearing.cancelled': { zh: '取消听证会', en: 'Hearing called off' },
  'hearing.record_confirmed': { zh: '听证笔录经参加人确认', en: 'Hearing record confirmed' },
  'decision.launched': { zh: '启动决策', en: 'Decision launched' },
  'decision.withdrawn': { zh: '撤回决策', en: 'Decision withdrawn' },
  'decision.procedure_flags_changed': {
    zh: '变更专家论证/风险评估适用',
    en: 'Expert argumentation / risk assessment flag changed',
  },
  'document.uploaded': { zh: '上传文件', en: 'Document uploaded' },
  'task.overdue': { zh: '任务逾期', en: 'Task overdue' },
  'task.cancelled': { zh: '任务取消', en: 'Task cancelled' },
  'task.due_moved': { zh: '办理期限调整', en: 'Due time moved' },
  review_opinion: { zh: '合法性审查意见', en: 'Legality-review opinion' },
  meeting_outcome: { zh: '会议讨论决定', en: 'Meeting outcome' },
  'review.returned_for_supplement': { zh: '退回补充材料', en: 'Returned for supplement' },
  'review.opinion_issued': { zh: '出具合法性审查意见书', en: 'Review opinion issued' },
  'review.opened': { zh: '列入法务中心审查队列', en: 'Review queued at the legal center' },
  'review.submitted': { zh: '报送合法性审查', en: 'Submitted for legality review' },
  'review.resubmitted': { zh: '补充材料后重新报送', en: 'Resubmitted with the missing materials' },
  'review.assigned': { zh: '自动分配审查员', en: 'Reviewer assigned by the pool' },
  'review.reassigned': { zh: '主任改派审查员', en: 'Reassigned by the director' },
  'review.review_time_decided': {
    zh: '法务中心决定是否同意缩短审查时间',
    en: 'The center decided on a shortened review time',
  },
  'review.declined': { zh: '审查员拒绝承办，已另行分配', en: 'Declined by the reviewer; reassigned' },
  'review.no_eligible_reviewer': { zh: '暂无可分配的审查员', en: 'No eligible reviewer for now' },
  'review.second_checker_assigned': { zh: '分配复核人', en: 'Second checker assigned' },
  'review.flags_found': { zh: '辅助审查提示', en: 'Assisted-review flags found' },
  'review.flag_confirmed': { zh: '确认审查提示', en: 'Flag confirmed' },
  'review.flag_dismissed': { zh: '驳回审查提示', en: 'Flag dismissed' },
  'review.document_uploaded': { zh: '上传审查材料', en: 'Review file uploaded' },
  'calendar.loaded': { zh: '载入工作日历', en: 'Calendar loaded' },
  'calendar.withdrawn': { zh: '撤回工作日历（恢复为暂定）', en: 'Calendar year withdrawn (provisional again)' },
  'law.added': { zh: '法规库新增条目', en: 'Law library entry added' },
  'law.updated': { zh: '法规库条目修改或废止', en: 'Law library entry corrected or retired' },
  'auth.login': { zh: '登录', en: 'Signed in' },
  'auth.login_failed': { zh: '登录失败', en: 'Sign-in failed' },
  'auth.logout': { zh: '退出登录', en: 'Signed out' },
  'auth.logout_everywhere': { zh: '退出全部登录', en: 'Signed out everywhere' },
  'auth.password_changed': { zh: '修改密码', en: 'Password changed' },
  'auth.password_change_failed': {
    zh: '修改密码失败（原密码错误）',
    en: 'Password change refused (wrong current password)',
  },
  'user.created': { zh: '新建用户', en: 'User created' },
  'user.updated': { zh: '修改用户', en: 'User updated' },
  'user.password_reset': { zh: '重置用户密码', en: 'Password reset by the administrator' },
  'temporal.codec_used': {
    zh: '运维人员经编解码端点读取或写入流程引擎数据',
    en: 'Temporal payloads decoded or encoded by an operator',
  },
  'procedure.workflow_started': { zh: '决策程序启动', en: 'Procedure started' },
  'procedure.comment_period_opened': { zh: '公开征求意见开始', en: 'Comment period opened' },
  'procedure.risk_not_controllable': {
    zh: '风险不可控，须调整后重新评估',
    en: 'Risk not controllable: adjust and re-assess',
  },
  'procedure.legality_review_passed': { zh: '合法性审查通过', en: 'Legality review passed' },
  'procedure.submission_approved': { zh: '单位负责人同意报送', en: 'Submission approved by the head' },
  'procedure.submission_returned': { zh: '单位负责人退回', en: 'Submission returned by the head' },
  'procedure.meeting_deferred': { zh: '会议决定暂缓', en: 'Meeting deferred the item' },
  'procedure.meeting_discuss_again': { zh: '会议决定再次讨论', en: 'Meeting will discuss again' },
  'procedure.not_approved': { zh: '会议决定不予通过', en: 'Not approved' },
  'procedure.withdrawn': { zh: '程序终止（撤回）', en: 'Procedure ended (withdrawn)' },
  'procedure.placed_on_agenda': { zh: '列入会议议题', en: 'Placed on a meeting agenda' },
  'meeting.item_added': { zh: '列入会议议题', en: 'Agenda item added' },
  'meeting.item_decided': { zh: '会议作出决定', en: 'The meeting decided the item' },
  'dossier.sealed': { zh: '决策档案封存', en: 'Dossier sealed' },
  'evaluation.requested': { zh: '提请决策后评估', en: 'Evaluation requested' },
  'evaluation.concluded': { zh: '决策后评估完成', en: 'Evaluation concluded' },
  'implementation.reported': { zh: '报告决策执行情况', en: 'Implementation reported' },
  'implementation.emergency_suspended': {
    zh: '行政首长决定中止执行',
    en: 'Implementation suspended by the chief executive (emergency)',
  },
  'mail.sent': { zh: '邮件已发送', en: 'Mail sent' },
  'meeting.created': { zh: '创建会议', en: 'Meeting created' },
  'meeting.attendance_recorded': { zh: '登记出席情况', en: 'Attendance recorded' },
  'meeting.items_ordered': { zh: '调整议题顺序', en: 'Agenda items reordered' },
  'meeting.closed': { zh: '会议结束', en: 'Meeting closed' },
  'notice.read': { zh: '阅读通知', en: 'Notice read' },
  'notice.preferences_changed': { zh: '修改通知方式', en: 'Notice preferences changed' },
  'review.pool_profile_changed': { zh: '修改审查员信息', en: 'Reviewer profile changed' },
  'review.pool_leave_recorded': { zh: '登记审查员请假', en: 'Reviewer leave recorded' },
  'review.pool_conflict_declared': { zh: '登记回避事项', en: 'Conflict of interest declared' },
  'absence.recorded': { zh: '登记不在岗及代办人', en: 'Absence and substitute recorded' },
  'absence.withdrawn': { zh: '撤销不在岗登记', en: 'Absence withdrawn' },
  'expert.created': { zh: '专家入库', en: 'Expert added to the pool' },
  'expert.interest_declared': { zh: '登记专家利害关系', en: 'Expert’s interest declared' },
  'expert.opinion_received': { zh: '收到专家签名的书面意见', en: 'Signed expert opinion received' },
  'expert.opinion_answered': { zh: '答复专家论证意见', en: 'Expert opinion answered' },
  'expert.selected': { zh: '选择论证专家', en: 'Expert chosen for argumentation' },
  'expert.updated': { zh: '修改专家库信息', en: 'Expert’s entry changed' },
  'expert.declined': { zh: '记录专家谢绝论证', en: 'Expert recorded as declined' },
  'review.settings_changed': { zh: '修改审查类别设置', en: 'Review kind settings changed' },
  'task.extended': { zh: '督查机构延长办理期限', en: 'Due time extended by the office' },
  'procedure.meeting_approved': { zh: '会议决定通过', en: 'Approved by the meeting' },
  'procedure.meeting_approved_with_changes': { zh: '会议决定修改后通过', en: 'Approved with changes' },
  'procedure.meeting_not_approved': { zh: '会议决定不予通过', en: 'Not approved by the meeting' },
  'procedure.meeting_returned_for_more_work': { zh: '会议决定退回修改', en: 'Returned for more work' },
  'escalation.reminder': { zh: '逾期提醒', en: 'Overdue reminder' },
  'escalation.reminder_letter': { zh: '发出提示函', en: 'Reminder letter sent' },
  'escalation.supervision_letter': { zh: '发出督办函', en: 'Supervision letter sent' },
  'escalation.assessment': { zh: '记入考核台账', en: 'Entered in the assessment ledger' },
  'letter.issued.reminder_letter': { zh: '提示函编号登记', en: 'Reminder letter issued' },
  'letter.issued.supervision_letter': { zh: '督办函编号登记', en: 'Supervision letter issued' },
  'audit.chain_migrated': { zh: '审计记录迁移到新的哈希方案', en: 'Audit chain migrated to the canonical scheme' },
  'audit.checkpoint': { zh: '审计记录哈希链检查点', en: 'Audit chain checkpoint' },
  'audit.break_detected': { zh: '发现审计记录哈希链断裂', en: 'Audit chain break detected' },
  'decision.adjustment_started': {
    zh: '实质性调整，重新启动决策程序',
    en: 'Substantive adjustment: new linked procedure',
  },
};

const STATUS = {
  in_progress: ['开始', 'started'],
  done: ['完成', 'done'],
  skipped: ['跳过', 'skipped'],
  not_applicable: ['不适用', 'not applicable'],
  pending: ['待办', 'pending'],
} as const;

/** A readable label of an audit event, in both locales, for timelines. */
export function describeAuditAction(action: string, data: Record<string, unknown>): { zh: string; en: string } {
  if (FIXED[action]) return FIXED[action];
  const kind = String(data.kind ?? '');
  if (action === 'task.opened' && isTaskKind(kind))
    return { zh: `待办：${TASK_KINDS[kind].label.zh}`, en: `To do: ${TASK_KINDS[kind].label.en}` };
  if (action.startsWith('task.completed.') && isTaskKind(kind))
    return { zh: `办结：${TASK_KINDS[kind].label.zh}`, en: `Done: ${TASK_KINDS[kind].label.en}` };
  const m = /^procedure\.stage:(\w+):(\w+)$/.exec(action);
  if (m && m[1] in STAGE_LABELS) {
    const st = STATUS[m[2] as keyof typeof STATUS] ?? [m[2], m[2]];
    return { zh: `${STAGE_LABELS[m[1] as Stage].zh}${st[0]}`, en: `${STAGE_LABELS[m[1] as Stage].en} ${st[1]}` };
  }
  return { zh: action, en: action };
}
