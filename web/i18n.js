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
    'due.attention': '期限待核（日历异常）',
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
    'error.rule': '依据{rule}',
    'error.ruleId': '规则编号',
    'error.retry': '重试',
    'error.dismiss': '关闭',
    'notfound.title': '页面不存在',
    'notfound.body': '请从决策列表重新进入。',
    'form.optional': '（选填）',
    'approval.title': '报送材料',
    'approval.outcome': '合法性审查结论',
    'approval.noOpinion': '尚无审查意见',
    'form.conditional': '（按规定需要时必填）',
    'form.groupSummary': '意见归纳',
    'form.required': '此项必填',
    'form.requiredDocument': '请选择或上传文件',
    'form.choose': '请选择',
    'form.chooseDocument': '请选择已上传的文件',
    'form.none': '（不填）',
    'form.yes': '是',
    'form.no': '否',
    'form.tooShort': '不得少于 {n} 个字符',
    'form.tooLong': '不得多于 {n} 个字符',
    'form.pattern': '格式不正确',
    'form.patternExample': '格式不正确，应如 {example}',
    'form.date': '请填写日期（年-月-日）',
    'form.integer': '请填写整数',
    'form.min': '不得小于 {n}',
    'form.max': '不得大于 {n}',
    'form.minItems': '至少需要 {n} 项',
    'form.maxItems': '最多 {n} 项',
    'form.item': '第 {n} 项',
    'form.rowTitle': '{label} · 第 {n} 项',
    'form.add': '添加{label}',
    'form.remove': '删除',
    'form.removeLabel': '删除{label}第 {n} 项',
    'form.fillIn': '填写{label}',
    'form.noDocuments': '尚无已上传的文件，可在下方上传。',
    'form.uploadNew': '上传新文件（作为“{kind}”）…',
    'form.uploading': '正在上传 {name}…',
    'form.uploaded': '已上传 {name}',
    'form.fixErrors': '表单有 {n} 处需要修改，请查看标红的字段。',
    'form.submit': '提交',
    'form.submitting': '正在提交…',
    'form.cancel': '取消',
    'form.refused': '未通过规则检查',
    'form.ruleHelp': '依据{rule}，按规定需要时必填。',
    'nav.home': '首页',
    'nav.launch': '启动决策',
    'home.title': '工作台',
    'board.late': '已逾期',
    'board.days': '{n} 天',
    'home.greeting': '{name}，您好',
    'home.openTasks': '待办任务',
    'home.overdueTasks': '逾期任务',
    'home.dueSoon': '5 日内到期',
    'home.deptDecisions': '本单位决策事项',
    'home.active': '进行中的决策',
    'home.overdueDecisions': '逾期决策事项',
    'home.overdueBoard': '逾期督办',
    'home.overdueBoardLead': '全市进行中决策的逾期任务（依法治市办督办）。',
    'home.overdueNone': '目前没有逾期任务。',
    'home.allDecisions': '全部决策事项',
    'home.roleHint.drafter': '启动本单位的重大行政决策，办理各环节任务。',
    'home.roleHint.dept_head': '审核本单位报送的决策事项。',
    'home.roleHint.reviewer': '办理分配给您的合法性审查。',
    'home.roleHint.director': '分配合法性审查任务，掌握审查进度。',
    'home.roleHint.secretary': '办理党委请示、会议决定、公布、执行与归档。',
    'home.roleHint.supervisor': '督办全市决策事项的办理期限。',
    'home.roleHint.leader': '了解全市重大行政决策的办理情况。',
    'home.roleHint.admin': '维护工作日历等系统设置。',
    'launch.title': '启动重大行政决策',
    'launch.lead': '牵头承办单位为您所在的单位：{dept}。带 * 的为必填项。',
    'launch.submit': '启动决策',
    'launch.need.confidentialReason': 'R4：不予公开的决策应当说明理由',
    'launch.need.catalogEntry': 'R1：请填写目录条目',
    'launch.need.outsideCatalogReason': 'R1：目录外事项应当说明理由',
    'launch.need.partyCommitteeWaiverReason': 'R23：不向同级党委请示报告的，应当说明理由',
    'launch.need.partyCommitteeWaiverApproval': 'R23：不向同级党委请示报告的，应当载明政府领导的批准',
    'launch.done': '已启动决策 {number}。',
    'launch.help.legalBasis': '每行一项法律、法规或规章及条款。',
    'launch.help.plannedMeetingQuarter': '格式：2027-Q1',
    'launch.help.confidential': '依法不予公开的，跳过公众参与（R4），须说明理由。',
    'launch.help.touchesMarketActors': '涉及市场主体经济活动的，须进行公平竞争审查（R16）。',
    'launch.help.widePublicConcern': '社会广泛关注的，公布时须说明意见采纳情况并发布政策解读（R27）。',
    'task.title': '办理任务',
    'task.decision': '所属决策',
    'task.role': '办理角色',
    'task.assignee': '指定办理人',
    'task.context': '任务说明',
    'task.closed': '该任务已办结，无需再办理。',
    'task.done': '已提交。',
    'task.open': '办理',
    'task.back': '返回决策',
    'ctx.pass': '审查遍次',
    'ctx.reviewKind': '审查类别',
    'ctx.checklist': '审查要点',
    'ctx.sentBack': '退回意见',
    'ctx.checkerUserId': '复核人',
    'ctx.materials': '报送的审查材料',
    'ctx.statutorySteps': '履行法定程序情况',
    'ctx.document': '（文件）',
    'stageStatus.done': '已完成',
    'stageStatus.skipped': '已跳过',
    'stageStatus.not_applicable': '不适用',
    'stageStatus.in_progress': '进行中',
    'stageStatus.pending': '未开始',
    'ctx.yes': '是',
    'ctx.no': '否',
    'ctx.commentPeriodEndsAt': '征求意见期截止',
    'ctx.minOpinions': '至少需要的专家意见数（R11）',
    'ctx.round': '轮次',
    'ctx.previousDecision': '上次会议决定',
    'ctx.afterHighRisk': '高风险后重新评估（R14）',
    'ctx.suggestedLegalBasis': '启动时填写的法律依据',
    'ctx.returnedBy': '退回方',
    'ctx.opinionNo': '审查意见书编号',
    'ctx.requiredChanges': '审查意见要求修改的事项',
    'ctx.missing': '所缺材料',
    'ctx.missingItems': '所缺材料',
    'ctx.widePublicConcern': '社会广泛关注（R27）',
    'ctx.confidential': '依法不予公开',
    'ctx.coDepartmentIds': '会同单位',
    'ctx.outcome': '审查结论',
    'ctx.reasons': '理由',
    'ctx.reviewerUserId': '审查员',
    'withdraw.title': '撤回决策',
    'withdraw.lead': '在政府常务会议通过前，承办单位可以说明理由撤回（R31）。撤回后程序终止，不可恢复。',
    'withdraw.open': '撤回决策…',
    'withdraw.reason': '撤回理由',
    'withdraw.submit': '确认撤回',
    'withdraw.done': '决策已撤回。',
    'audit.title': '审计记录',
    'audit.show': '查看完整审计记录（哈希链）',
    'audit.chain_ok': '哈希链校验通过：共 {n} 条记录，链头 {hash}',
    'audit.chain_broken': '哈希链校验未通过（R38）：',
    'audit.hash': '哈希',
    'audit.role': '角色',
    'open.act': '办理',
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
    'due.attention': 'Due needs attention (calendar)',
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
    'error.rule': 'Under {rule}',
    'error.ruleId': 'Rule id',
    'error.retry': 'Retry',
    'error.dismiss': 'Dismiss',
    'notfound.title': 'Page not found',
    'notfound.body': 'Go back to the list of decisions.',
    'form.optional': '(optional)',
    'approval.title': 'What is submitted',
    'approval.outcome': 'Legality-review outcome',
    'approval.noOpinion': 'No review opinion yet',
    'form.conditional': '(required where the rule applies)',
    'form.groupSummary': 'What the comments say',
    'form.required': 'Required',
    'form.requiredDocument': 'Choose or upload a file',
    'form.choose': 'Choose one',
    'form.chooseDocument': 'Choose an uploaded file',
    'form.none': '(none)',
    'form.yes': 'Yes',
    'form.no': 'No',
    'form.tooShort': 'At least {n} characters',
    'form.tooLong': 'At most {n} characters',
    'form.pattern': 'Wrong format',
    'form.patternExample': 'Wrong format; expected e.g. {example}',
    'form.date': 'Enter a date (year-month-day)',
    'form.integer': 'Enter a whole number',
    'form.min': 'At least {n}',
    'form.max': 'At most {n}',
    'form.minItems': 'At least {n} needed',
    'form.maxItems': 'At most {n}',
    'form.item': 'Item {n}',
    'form.rowTitle': '{label} · {n}',
    'form.add': 'Add: {label}',
    'form.remove': 'Remove',
    'form.removeLabel': 'Remove {label} {n}',
    'form.fillIn': 'Fill in: {label}',
    'form.noDocuments': 'No files uploaded yet; upload one below.',
    'form.uploadNew': 'Upload a new file (as “{kind}”)…',
    'form.uploading': 'Uploading {name}…',
    'form.uploaded': 'Uploaded {name}',
    'form.fixErrors': '{n} fields need attention; see the fields marked in red.',
    'form.submit': 'Submit',
    'form.submitting': 'Submitting…',
    'form.cancel': 'Cancel',
    'form.refused': 'Refused by a rule',
    'form.ruleHelp': 'Required when {rule} applies.',
    'nav.home': 'Home',
    'nav.launch': 'Launch a decision',
    'home.title': 'Workbench',
    'board.late': 'Late by',
    'board.days': '{n} d',
    'home.greeting': 'Welcome, {name}',
    'home.openTasks': 'Open tasks',
    'home.overdueTasks': 'Overdue tasks',
    'home.dueSoon': 'Due within 5 days',
    'home.deptDecisions': 'My department’s decisions',
    'home.active': 'Active decisions',
    'home.overdueDecisions': 'Overdue decisions',
    'home.overdueBoard': 'Overdue board',
    'home.overdueBoardLead': 'Overdue tasks of active decisions across the government (supervised by the law-based-governance office).',
    'home.overdueNone': 'Nothing is overdue.',
    'home.allDecisions': 'All decisions',
    'home.roleHint.drafter': 'Launch your department’s major decisions and answer each step.',
    'home.roleHint.dept_head': 'Approve what your department submits.',
    'home.roleHint.reviewer': 'Work the legality reviews assigned to you.',
    'home.roleHint.director': 'Assign legality reviews and follow their progress.',
    'home.roleHint.secretary': 'Party-committee reports, meeting outcomes, publication, implementation and archive.',
    'home.roleHint.supervisor': 'Chase deadlines across the government.',
    'home.roleHint.leader': 'Follow the government’s major decisions.',
    'home.roleHint.admin': 'Maintain the working-day calendar and settings.',
    'launch.title': 'Launch a major administrative decision',
    'launch.lead': 'The lead department is yours: {dept}. Fields marked * are required.',
    'launch.submit': 'Launch',
    'launch.need.confidentialReason': 'R4: record why it is not disclosed',
    'launch.need.catalogEntry': 'R1: name the catalog entry',
    'launch.need.outsideCatalogReason': 'R1: record why it is outside the catalog',
    'launch.need.partyCommitteeWaiverReason': 'R23: record why it is not reported to the party committee',
    'launch.need.partyCommitteeWaiverApproval': 'R23: record the leader’s approval of not reporting',
    'launch.done': 'Decision {number} launched.',
    'launch.help.legalBasis': 'One law, regulation or rule (with its article) per line.',
    'launch.help.plannedMeetingQuarter': 'Format: 2027-Q1',
    'launch.help.confidential': 'A decision not to be disclosed skips public participation (R4) and records why.',
    'launch.help.touchesMarketActors': 'Matters affecting market actors need a fair-competition review (R16).',
    'launch.help.widePublicConcern': 'Of wide concern: publication explains how opinions were taken up, with a policy interpretation (R27).',
    'task.title': 'Task',
    'task.decision': 'Decision',
    'task.role': 'Role',
    'task.assignee': 'Assigned to',
    'task.context': 'About this task',
    'task.closed': 'This task is closed; nothing more to do.',
    'task.done': 'Submitted.',
    'task.open': 'Do it',
    'task.back': 'Back to the decision',
    'ctx.pass': 'Pass',
    'ctx.reviewKind': 'Kind of review',
    'ctx.checklist': 'Checklist',
    'ctx.sentBack': 'Sent back',
    'ctx.checkerUserId': 'Second checker',
    'ctx.materials': 'Materials submitted',
    'ctx.statutorySteps': 'Statutory steps taken',
    'ctx.document': '(file)',
    'stageStatus.done': 'done',
    'stageStatus.skipped': 'skipped',
    'stageStatus.not_applicable': 'not applicable',
    'stageStatus.in_progress': 'in progress',
    'stageStatus.pending': 'waiting',
    'ctx.yes': 'Yes',
    'ctx.no': 'No',
    'ctx.commentPeriodEndsAt': 'Comment period ends',
    'ctx.minOpinions': 'Expert opinions needed (R11)',
    'ctx.round': 'Round',
    'ctx.previousDecision': 'Previous meeting decision',
    'ctx.afterHighRisk': 'Re-assessment after high risk (R14)',
    'ctx.suggestedLegalBasis': 'Legal basis given at launch',
    'ctx.returnedBy': 'Returned by',
    'ctx.opinionNo': 'Review opinion number',
    'ctx.requiredChanges': 'Changes the review requires',
    'ctx.missing': 'Missing materials',
    'ctx.missingItems': 'Missing materials',
    'ctx.widePublicConcern': 'Of wide public concern (R27)',
    'ctx.confidential': 'Not to be disclosed',
    'ctx.coDepartmentIds': 'Co-drafting departments',
    'ctx.outcome': 'Review outcome',
    'ctx.reasons': 'Reasons',
    'ctx.reviewerUserId': 'Reviewer',
    'withdraw.title': 'Withdraw the decision',
    'withdraw.lead': 'Until the meeting approves it, the drafting department may withdraw with a reason (R31). Withdrawal ends the procedure for good.',
    'withdraw.open': 'Withdraw…',
    'withdraw.reason': 'Reason for withdrawal',
    'withdraw.submit': 'Withdraw',
    'withdraw.done': 'The decision has been withdrawn.',
    'audit.title': 'Audit trail',
    'audit.show': 'Show the full audit trail (hash chain)',
    'audit.chain_ok': 'Hash chain verified: {n} events, head {hash}',
    'audit.chain_broken': 'Hash chain broken (R38):',
    'audit.hash': 'Hash',
    'audit.role': 'Role',
    'open.act': 'Do it',
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

/** Adds a module's own UI strings (the meetings, supervision and legal-center pages keep theirs beside them). */
export function addMessages(zh, en) {
  Object.assign(MESSAGES.zh, zh);
  Object.assign(MESSAGES.en, en);
}

/** A UI string with {placeholders} filled in. */
export function t(key, vars = {}) {
  const s = articlesFor(MESSAGES[locale][key] ?? MESSAGES.zh[key] ?? key);
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(k === 'rule' && /^R\d+$/.test(vars[k]) ? ruleText(vars[k]) : vars[k]) : m));
}

const RULE_ID = /(?<![A-Za-z0-9])R(\d{1,2})(?:[–-]R(\d{1,2}))?(?!\d)/g;

/** A UI text's rule ids ("（R16、R17）", "R4：") as the articles they rest on, each named once. */
function articlesFor(text) {
  if (!text.includes('R')) return text;
  const names = (ids) => [...new Set(ids.map((id) => ruleText(id)))].join(getLocale() === 'zh' ? '、' : '; ');
  const idsIn = (part) => [...part.matchAll(RULE_ID)].flatMap((m) => (m[2] ? [`R${m[1]}`, `R${m[2]}`] : [`R${m[1]}`]));
  return text
    .replace(/[（(]([^（）()]*)[）)]/g, (whole, inner) => (/^[\sR\d、,–-]+$/.test(inner) && /R\d/.test(inner) ? whole[0] + names(idsIn(inner)) + whole[whole.length - 1] : whole))
    .replace(RULE_ID, (m) => names(idsIn(m)));
}

/** The locale's text of a {zh, en} pair the API sends. */
export const pick = (pair) => (pair ? (pair[locale] ?? pair.zh ?? '') : '');

/** The article of the law or local rule a rule id rests on, as people read it (the id itself stays for a tooltip). */
export function ruleText(rule) {
  const pair = LABELS.rule?.[rule];
  return pair ? pair[locale] : String(rule ?? '');
}

/** A refusal's source as a chip: the article to read, the rule id on hover. */
export function ruleTitle(rule) {
  return rule ? `${t('error.ruleId')}${t('colon')}${rule}` : '';
}

/** The label of a code (role, status, stage, matterType, documentKind); unknown codes show as-is. */
export function label(kind, code) {
  const pair = LABELS[kind]?.[code];
  if (pair) return pair[locale];
  // A code the server's list does not name yet may have the web's own label (label.<kind>.<code>).
  const own = MESSAGES[locale][`label.${kind}.${code}`];
  return own ?? String(code ?? '');
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

function beijingParts(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return Object.fromEntries(dateTimeParts.formatToParts(d).map((x) => [x.type, x.value]));
}

/** Beijing time, whatever the browser's own zone: "2026年12月24日 18:00" (zh) or "2026-12-24 18:00" (en). */
export function formatDateTime(iso) {
  if (!iso) return '';
  const p = beijingParts(iso);
  if (!p) return String(iso);
  return `${formatDate(iso)} ${p.hour}:${p.minute}`;
}

/** Today's date in Beijing, YYYY-MM-DD. */
export function beijingToday() {
  const p = beijingParts(new Date().toISOString());
  return `${p.year}-${p.month}-${p.day}`;
}

/** A Beijing date: "2026年12月24日" (zh) or "2026-12-24" (en). */
export function formatDate(iso) {
  if (!iso) return '';
  const p = beijingParts(iso);
  if (!p) return String(iso);
  return locale === 'zh' ? `${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日` : `${p.year}-${p.month}-${p.day}`;
}

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
